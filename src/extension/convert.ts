// The one place that turns model positions (1-based lines and columns) into VS Code ranges and back, and VS Code
// content changes into tree-sitter edits.

import type { Edit } from 'web-tree-sitter';
import * as vscode from 'vscode';
import type { Diagnostic, RelatedLocation } from '../model';

export function toRange(at: Diagnostic | RelatedLocation): vscode.Range {
  return new vscode.Range(at.line - 1, at.column - 1, at.endLine - 1, at.endColumn - 1);
}

/** A content change as tree-sitter wants it: offsets in UTF-16 code units, rows and columns 0-based. */
export function toEdit(change: vscode.TextDocumentContentChangeEvent): Edit {
  const start = change.range.start;
  const oldEnd = change.range.end;
  const lines = change.text.split('\n');
  const newEnd = lines.length === 1
    ? { row: start.line, column: start.character + change.text.length }
    : { row: start.line + lines.length - 1, column: lines[lines.length - 1].length };
  return {
    startIndex: change.rangeOffset,
    oldEndIndex: change.rangeOffset + change.rangeLength,
    newEndIndex: change.rangeOffset + change.text.length,
    startPosition: { row: start.line, column: start.character },
    oldEndPosition: { row: oldEnd.line, column: oldEnd.character },
    newEndPosition: newEnd,
  };
}
