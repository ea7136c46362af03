"""Issue 23: the CPU stages of the next chunk run while this chunk translates, results unchanged.

No timing here (speed is benchmarks/bench_overlap.py's): events show that the next documents
were read while the engine was still busy, and outputs are compared with the sequential path.
"""

from __future__ import annotations

import threading

import pytest
from helpers_cli import RUSSIAN

from newsbrief.overlap import ahead
from newsbrief.pipeline import Options, process
from newsbrief.records import Document


def test_ahead_keeps_order_and_fetches_one_item_beyond_the_caller():
    fetched: list[int] = []

    def items():
        for n in range(5):
            fetched.append(n)
            yield n

    seen = []
    for item in ahead(items()):
        seen.append(item)
        # The item after this one may be fetching; never two beyond.
        assert len(fetched) <= item + 2
    assert seen == [0, 1, 2, 3, 4]


def test_ahead_raises_where_the_fetch_failed():
    def items():
        yield 1
        raise ValueError("disk gone")

    got = []
    with pytest.raises(ValueError, match="disk gone"):
        for item in ahead(items()):
            got.append(item)
    assert got == [1]


def test_ahead_stops_fetching_once_the_caller_stops():
    fetched: list[int] = []
    released = threading.Event()

    def items():
        for n in range(100):
            fetched.append(n)
            yield n
        released.set()

    gen = ahead(items())
    assert next(gen) == 0
    gen.close()
    released.wait(0.2)  # a run-away fetcher would get to the end
    assert len(fetched) <= 2 and not released.is_set()


class SlowEngine:
    """Translates only once the reader has handed over a document of the *next* chunk."""

    def __init__(self, next_read: threading.Event):
        self.next_read = next_read
        self.overlapped: list[bool] = []

    def translate(self, lang, sentences):
        self.overlapped.append(self.next_read.wait(timeout=5))
        return [f"[{lang}] {s}" for s in sentences]


def documents(count: int, next_read: threading.Event | None = None):
    for n in range(count):
        if n == 1 and next_read is not None:
            next_read.set()  # the first document of chunk 2 is being read
        yield Document(id=f"d{n}", text=f"{RUSSIAN}\nНомер {n} статьи здесь.")


@pytest.mark.parametrize("stage", ["translate", "summarize"])
def test_next_chunk_is_read_while_this_one_translates_and_results_are_unchanged(stage):
    next_read = threading.Event()
    engine = SlowEngine(next_read)
    overlapped = Options(count=2, chunk_documents=1)
    got = list(process(documents(3, next_read), stage, overlapped, lambda: engine))
    assert engine.overlapped[0] is True  # chunk 2 was read before chunk 1 finished translating

    sequential = Options(count=2, chunk_documents=1, overlap=False)
    plain = SlowEngine(threading.Event())
    plain.next_read.set()
    want = list(process(documents(3), stage, sequential, lambda: plain))
    assert got == want
    assert [a.id for a in got] == ["d0", "d1", "d2"]


def test_sequential_path_reads_after_translating():
    next_read = threading.Event()

    class Checking(SlowEngine):
        def translate(self, lang, sentences):
            self.overlapped.append(next_read.is_set())
            return [f"[{lang}] {s}" for s in sentences]

    engine = Checking(next_read)
    options = Options(count=2, chunk_documents=1, overlap=False)
    list(process(documents(2, next_read), "translate", options, lambda: engine))
    assert engine.overlapped[0] is False


def test_ctrl_c_while_the_reader_waits_on_a_pipe_ends_the_run_at_once():
    """The fetching thread blocks in a read of standard input that never ends; Ctrl-C must not
    wait for it (a real process: signals and interpreter exit)."""
    import signal
    import subprocess
    import time

    from helpers_cli import cli_env, newsbrief_command

    proc = subprocess.Popen(
        [*newsbrief_command(), "summarize", "--input-format", "jsonl"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=cli_env(),
    )
    try:
        proc.stdin.write(b'{"id": "a", "text": "The council met on Monday."}\n')
        proc.stdin.flush()
        time.sleep(2)  # started, reading; the pipe stays open
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=10)
    finally:
        proc.kill()
    assert proc.returncode == 130
    assert "Traceback" not in err.decode()


def test_ahead_waits_for_the_caller_after_an_item_early_refuses():
    """An item `early` refuses (no model work: English) is done with before the next is read,
    so two large documents are never held at once for no gain."""
    fetched: list[int] = []

    def items():
        for n in range(4):
            fetched.append(n)
            yield n

    for item in ahead(items(), early=lambda n: n % 2 == 1):
        if item % 2 == 0:
            assert len(fetched) == item + 1  # nothing read beyond it while the caller works
    assert fetched == [0, 1, 2, 3]


def test_english_documents_are_not_read_ahead(monkeypatch):
    """The pipeline reads the next English chunk only once this one is finished."""
    import newsbrief.pipeline as pipeline

    events: list[str] = []
    route, finish = pipeline._route, pipeline._finish

    def routed(doc, *args, **kwargs):
        events.append(f"route {doc.id}")
        return route(doc, *args, **kwargs)

    def finished(work, *args, **kwargs):
        events.append(f"finish {work.doc.id}")
        return finish(work, *args, **kwargs)

    monkeypatch.setattr(pipeline, "_route", routed)
    monkeypatch.setattr(pipeline, "_finish", finished)
    text = "The council met on Monday. It set a budget."
    docs = [Document(id=f"d{n}", text=text) for n in (1, 2)]
    options = Options(count=1, chunk_documents=1)
    out = list(process(docs, "summarize", options, engine_factory=lambda: None))
    assert [a.id for a in out] == ["d1", "d2"]
    assert events == ["route d1", "finish d1", "route d2", "finish d2"]
