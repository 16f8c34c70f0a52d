"""Locust users for the respondent benchmark (bench/respondents/run.py starts them).

A Respondent takes an unused personal link from a Redis list, answers the whole survey
page by page as a phone would (every page a GET, every answer page a POST, redirects not
followed, so each page has its own timings), submits, sees the thank-you page, and takes
the next link. BENCH_WAIT="3,8" puts 3-8 seconds between pages; "0,0" is closed loop.
Trivial users fetch /helse/ for the same server's baseline in the same run. FastHttpUser
(geventhttpclient) rather than requests: the load generator shares the machine with the
server, and it takes far less CPU per request.
"""

from __future__ import annotations

import os
import random
import re
from urllib.parse import urlencode

import redis
from locust import FastHttpUser, between, constant, task

WAIT = [float(x) for x in os.environ.get("BENCH_WAIT", "3,8").split(",")]
TOKENS = os.environ.get("BENCH_TOKENS_KEY", "bench:tokens")
COMPLETED = os.environ.get("BENCH_COMPLETED_KEY", "bench:completed")
_redis = redis.Redis.from_url(os.environ["REDIS_URL"])

RADIO = re.compile(r'type="radio" id="[^"]+" name="(item-\d+)" value="(\d+)"')
PAGES = re.compile(r"Side \d+ av (\d+)")


def _wait():
    return constant(0) if WAIT == [0.0, 0.0] else between(*WAIT)


class Respondent(FastHttpUser):
    wait_time = _wait()

    @task
    def answer_a_survey(self) -> None:
        token = _redis.lpop(TOKENS)
        if token is None:
            self.environment.runner.quit()
            return
        base = f"/s/{token.decode()}"
        with self.client.get(base, name="1 start", catch_response=True) as start:
            if "Start" not in start.text:
                start.failure("no start page")
                return
        self.wait()
        page = self._get(f"{base}/side/1", "2 theme page (GET)")
        total = int(PAGES.search(page.text)[1])
        for number in range(1, total + 1):
            form = self._answers(page.text)
            form["navigate"] = "next" if number < total else "summary"
            self.wait()  # reading and answering the page
            self._post(f"{base}/side/{number}", form, "3 theme page (POST)")
            if number < total:
                page = self._get(f"{base}/side/{number + 1}", "2 theme page (GET)")
        self._get(f"{base}/oppsummering", "4 summary")
        self.wait()
        done = self._post(f"{base}/send-inn", {}, "5 submit")
        if done:
            with self.client.get(base, name="6 thank you", catch_response=True) as thanks:
                if "Takk for svarene" not in thanks.text:
                    thanks.failure("no thank-you page")
                    return
            _redis.incr(COMPLETED)

    def _answers(self, html: str) -> dict[str, str]:
        """One option per item, chosen at random; about one item in ten left unanswered."""
        options: dict[str, list[str]] = {}
        for name, value in RADIO.findall(html):
            options.setdefault(name, []).append(value)
        return {
            name: random.choice(values)  # noqa: S311 - simulated answers
            for name, values in options.items()
            if random.random() > 0.1  # noqa: S311
        }

    def _get(self, url: str, name: str):
        return self.client.get(url, name=name)

    def _post(self, url: str, form: dict, name: str) -> bool:
        # The pages behind a link carry no CSRF token: a POST is refused only when its
        # Origin is another site (surveys/respondents/views.py), as a phone's own is not.
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": self.host,
        }
        with self.client.post(
            url,
            data=urlencode(form),
            headers=headers,
            name=name,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"status {response.status_code}")
                return False
        return True


class Trivial(FastHttpUser):
    wait_time = _wait()

    @task
    def health(self) -> None:
        self.client.get("/helse/", name="0 trivial view")
