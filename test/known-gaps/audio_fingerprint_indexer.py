#!/usr/bin/env python3
"""Audio fingerprint indexer for an upload pipeline: each uploaded track is
indexed in its own thread (content digest for exact re-uploads, peak-pair
landmarks for fuzzy matching) into one shared index."""
import array
import hashlib
import math
import threading

DIGEST_CHUNK = 16 * 1024


class FingerprintIndex:
    def __init__(self):
        self.lock = threading.Lock()
        self.by_digest = {}
        self.landmarks = {}
        self.total_landmarks = 0

    def content_digest(self, pcm):
        h = hashlib.sha1()
        for off in range(0, len(pcm), DIGEST_CHUNK):  # ok: GIL001
            h.update(pcm[off:off + DIGEST_CHUNK])
        return h.hexdigest()

    def peak_landmarks(self, samples, threshold=0.6):
        marks = []
        last_peak = None
        for i in range(1, len(samples) - 1):  # expect: GIL001
            s = samples[i]
            if s > threshold and s > samples[i - 1] and s >= samples[i + 1]:
                if last_peak is not None:
                    marks.append(((i - last_peak) * 2654435761) & 0xFFFFF)
                last_peak = i
        return marks

    def index_track(self, title, samples, pcm):
        digest = self.content_digest(pcm)
        self.by_digest[digest] = self.by_digest.get(digest, 0) + 1  # expect: GIL002
        marks = self.peak_landmarks(samples)
        with self.lock:
            self.landmarks[title] = set(marks)
            self.total_landmarks += len(marks)  # ok: GIL002


def synth(f1, f2, n=30000, sr=16000):
    return [0.6 * math.sin(2 * math.pi * f1 * i / sr) + 0.4 * math.sin(2 * math.pi * f2 * i / sr)
            for i in range(n)]


def main():
    uploads = {"dawn_chorus": synth(220, 331), "night_bus": synth(196, 247),
               "tidal": synth(147, 370), "dawn_chorus (reupload)": None}
    uploads["dawn_chorus (reupload)"] = list(uploads["dawn_chorus"])
    pcm = {t: array.array("h", (int(s * 32000) for s in smp)).tobytes() for t, smp in uploads.items()}
    index = FingerprintIndex()
    threads = [threading.Thread(target=index.index_track, args=(t, uploads[t], pcm[t]))
               for t in uploads]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    dupes = sum(c - 1 for c in index.by_digest.values())
    print(f"indexed {len(index.landmarks)} tracks, {index.total_landmarks} landmarks, "
          f"{dupes} exact re-upload(s)")
    ref = index.landmarks["dawn_chorus"]
    for title, marks in index.landmarks.items():
        overlap = len(ref & marks) / max(1, len(ref | marks))
        print(f"  {title:24s} {len(marks):5d} landmarks, similarity to dawn_chorus {overlap:.2f}")


if __name__ == "__main__":
    main()
