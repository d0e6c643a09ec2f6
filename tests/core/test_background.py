"""The on-demand worker (app/background.py) behind the mail sender and the sign-in-link queue:
work that arrives while its thread is ending is still done, and a pause is slept through unless
the worker is woken."""

from app.background import OnDemandWorker
from tests.plugin import wait_for


class Recorder(OnDemandWorker):
    """Answers from a script: each call to work() takes the next answer."""

    def __init__(self, app, answers, on_call=None):
        super().__init__(app)
        self.answers = list(answers)
        self.calls = 0
        self.on_call = on_call

    def work(self):
        self.calls += 1
        if self.on_call:
            self.on_call(self)
        return self.answers.pop(0) if self.answers else None


def test_work_that_arrives_while_the_thread_ends_is_done(app):
    # The first look finds nothing, but work is queued (wake) before the thread has ended: a
    # second look must follow, by the same thread or a new one.
    def queue_once(worker):
        if worker.calls == 1:
            worker.wake()

    worker = Recorder(app, [None, None], on_call=queue_once)
    worker.wake()
    assert wait_for(lambda: worker.calls == 2 and not worker.running, 5), worker.calls


def test_a_pause_ends_early_when_woken(app):
    worker = Recorder(app, [60.0, None])  # 60 s: far beyond the test's patience
    worker.wake()
    assert wait_for(lambda: worker.calls == 1, 5)
    worker.wake()
    assert wait_for(lambda: worker.calls == 2 and not worker.running, 5), worker.calls
