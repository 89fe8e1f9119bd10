"""Translation agency: translator threads count the billable words of their documents.

Lessons:
- `count_billable_words` loops over every word in Python; each translator thread runs
  it on 10 documents of 20,000 words, so the threads are CPU-bound (the loop to blame
  is the document loop in the thread's own function, which calls the helper);
- `billable_total += words` updates a module global from every thread with no lock;
- the per-thread sum `own_words` is local, and the per-language Counter is updated
  under `merge_lock`.
"""
import collections
import threading

DOCUMENTS_PER_TRANSLATOR = 10
WORDS_PER_DOCUMENT = 20_000
VOCABULARY = ["the", "contract", "shall", "be", "governed", "by", "law", "of", "2024",
              "party", "notice", "in", "writing", "to", "clause", "7", "annex", "fee"]
TRANSLATORS = {"ines": "pt", "jonas": "de", "mirela": "ro"}

billable_total = 0
words_per_language = collections.Counter()
merge_lock = threading.Lock()


def make_document(shift):
    words = VOCABULARY[shift:] + VOCABULARY[:shift]
    return " ".join(words * (WORDS_PER_DOCUMENT // len(words)))


def count_billable_words(text):
    billable = 0
    for word in text.split():
        if len(word) > 2 and not word.isdigit():
            billable += 1
    return billable


def translate_batch(language, documents):
    global billable_total
    own_words = 0
    for document in documents:  # expect: GIL001
        words = count_billable_words(document)
        billable_total += words  # expect: GIL002
        own_words += words  # ok: GIL002
    with merge_lock:
        words_per_language[language] += own_words  # ok: GIL002


batches = {name: [make_document(n) for n in range(DOCUMENTS_PER_TRANSLATOR)] for name in TRANSLATORS}
threads = [threading.Thread(target=translate_batch, args=(language, batches[name]))
           for name, language in TRANSLATORS.items()]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"billable words per language: {dict(words_per_language)}")
print(f"agency total: {billable_total} (sum of languages {sum(words_per_language.values())})")
