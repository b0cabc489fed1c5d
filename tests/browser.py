#!/usr/bin/env python3
"""browser.py - look at HTML pages in headless Chromium and say what is wrong.

Used by tests/t_browser.sh.  It drives Chromium through the DevTools
protocol over a pipe (--remote-debugging-pipe: no port, no network), so it
sees what a person's browser would: every console message, every uncaught
exception, every resource that failed to load and every alert() a hostile
name might have smuggled in.

    browser.py [--shots DIR] [--widths 400,1000] PAGE[::JS-CHECK]...

For each page and width it loads the file, then fails the run on:
  - a console error or warning-level log entry of level error, an uncaught
    exception, a failed resource load, a JavaScript dialog;
  - horizontal scrolling (document wider than the window) at the narrowest
    width;
  - markup that is not ours: an <img>, an inline event handler (on*=), or
    a <script> other than the report's own table.js;
  - a link or resource inside the page that points to a missing file;
  - a JS-CHECK expression (optional) that is not true after loading.
A screenshot of every page at every width goes to DIR as NAME-WIDTH.png.

    browser.py --links DIR

checks every href and src of every .html file under DIR statically: each
relative target must exist, and a #fragment must name an id in its target.
"""
import base64
import html.parser
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

CHROMIUM = os.environ.get("CHROMIUM", "chromium")
OWN_SCRIPTS = ("table.js",)
TIMEOUT = 60


class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="clientele-chromium-")
        to_r, to_w = os.pipe()      # we write commands, Chromium reads fd 3
        from_r, from_w = os.pipe()  # Chromium writes replies on fd 4

        def fds():
            # move both out of the way first: either may already be 3 or 4
            r, w = os.dup(to_r), os.dup(from_w)
            os.dup2(r, 3)
            os.dup2(w, 4)

        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
             "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--hide-scrollbars", "--remote-debugging-pipe",
             "--user-data-dir=" + self.profile, "about:blank"],
            preexec_fn=fds, pass_fds=(3, 4),
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=open(os.path.join(self.profile, "stderr"), "wb"))
        os.close(to_r)
        os.close(from_w)
        self.out = os.fdopen(to_w, "wb")
        self.inp = os.fdopen(from_r, "rb")
        self.pending = b""
        self.next_id = 0
        self.events = []
        self.session = None
        target = self.call("Target.createTarget", {"url": "about:blank"})
        self.session = self.call("Target.attachToTarget", {
            "targetId": target["targetId"], "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(domain + ".enable")

    def read_message(self):
        while b"\0" not in self.pending:
            chunk = os.read(self.inp.fileno(), 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.pending += chunk
        raw, self.pending = self.pending.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method, params=None):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if self.session:
            msg["sessionId"] = self.session
        self.out.write(json.dumps(msg).encode() + b"\0")
        self.out.flush()
        while True:
            reply = self.read_message()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError("%s: %s" % (method, reply["error"]))
                return reply.get("result", {})
            if "method" in reply:
                self.event(reply)

    def event(self, ev):
        if ev["method"] == "Page.javascriptDialogOpening":
            # answer it later, outside call(); remember it as a failure
            self.events.append(ev)
            self.out.write(json.dumps({
                "id": 0, "sessionId": self.session,
                "method": "Page.handleJavaScriptDialog",
                "params": {"accept": True}}).encode() + b"\0")
            self.out.flush()
            return
        self.events.append(ev)

    def wait_for(self, method, seconds=TIMEOUT):
        end = time.time() + seconds
        while time.time() < end:
            for i, ev in enumerate(self.events):
                if ev["method"] == method:
                    del self.events[i]
                    return ev
            ev = self.read_message()
            if "method" in ev:
                self.event(ev)
        raise RuntimeError("no %s within %ds" % (method, seconds))

    def evaluate(self, expr):
        r = self.call("Runtime.evaluate", {
            "expression": expr, "returnByValue": True})
        if "exceptionDetails" in r:
            raise RuntimeError("evaluate %s: %s" % (
                expr, r["exceptionDetails"].get("text")))
        return r["result"].get("value")

    def close(self):
        try:
            self.session = None
            self.call("Browser.close")
        except Exception:
            pass
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def problems_in(events):
    """What went wrong, from the events gathered while a page loaded."""
    out = []
    for ev in events:
        m, p = ev["method"], ev.get("params", {})
        if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            out.append("console %s: %s" % (p["type"], " ".join(
                str(a.get("value", a.get("description", ""))) for a in p.get("args", []))))
        elif m == "Runtime.exceptionThrown":
            d = p.get("exceptionDetails", {})
            out.append("uncaught exception: %s %s" % (
                d.get("text", ""), d.get("exception", {}).get("description", "")))
        elif m == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
            e = p["entry"]
            out.append("log error: %s %s" % (e.get("text", ""), e.get("url", "")))
        elif m == "Page.javascriptDialogOpening":
            out.append("a dialog opened: %s" % p.get("message", ""))
    return out


# Run inside the page: what a person would notice, as one JSON-able object.
PAGE_PROBE = r"""
(() => {
  const doc = document.documentElement;
  const foreign = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes)
      if (/^on/i.test(a.name)) foreign.push(el.tagName + '[' + a.name + ']');
    if (el.tagName === 'IMG' || el.tagName === 'IFRAME' || el.tagName === 'OBJECT')
      foreign.push(el.tagName);
    if (el.tagName === 'SCRIPT') {
      const src = el.getAttribute('src') || '';
      if (!OWN.some(o => src === o || src.endsWith('/' + o)))
        foreign.push('SCRIPT ' + (src || 'inline'));
    }
  }
  const links = [];
  for (const el of document.querySelectorAll('a[href], link[href], script[src]'))
    links.push(el.href || el.src);
  return {
    scrollWidth: doc.scrollWidth, innerWidth: window.innerWidth,
    viewport: !!document.querySelector('meta[name=viewport]'),
    foreign: foreign, links: links, title: document.title
  };
})()
""".replace("OWN", json.dumps(list(OWN_SCRIPTS)))


def missing_link(url, base):
    """A file: link whose file (or #fragment) does not exist, else None."""
    u = urllib.parse.urlparse(url)
    if u.scheme != "file":
        return None
    path = urllib.parse.unquote(u.path)
    if not os.path.exists(path):
        return "missing file " + path
    if u.fragment and path.endswith(".html"):
        with open(path, encoding="utf-8") as f:
            if ('id="%s"' % u.fragment) not in f.read():
                return "no #%s in %s" % (u.fragment, path)
    return None


def check_pages(pages, widths, shots):
    b = Browser()
    failures = []
    try:
        for spec in pages:
            path, _, check = spec.partition("::")
            path = os.path.abspath(path)
            url = "file://" + urllib.parse.quote(path)
            name = os.path.relpath(path).replace("/", "_").replace(".html", "")
            for w in widths:
                b.call("Emulation.setDeviceMetricsOverride", {
                    "width": w, "height": 900, "deviceScaleFactor": 1,
                    "mobile": False})
                b.events = []
                b.call("Page.navigate", {"url": url})
                b.wait_for("Page.loadEventFired")
                time.sleep(0.2)
                probe = b.evaluate(PAGE_PROBE)
                found = []
                if w == min(widths) and probe["scrollWidth"] > probe["innerWidth"]:
                    found.append("scrolls sideways at %dpx (document %dpx wide)"
                                 % (w, probe["scrollWidth"]))
                if not probe["viewport"]:
                    found.append("no viewport meta element")
                for f in probe["foreign"]:
                    found.append("markup that is not ours: " + f)
                for link in probe["links"]:
                    why = missing_link(link, path)
                    if why:
                        found.append("broken link " + link + ": " + why)
                if check and not b.evaluate(check):
                    found.append("check failed: " + check)
                found = problems_in(b.events) + found
                if shots:
                    shot = b.call("Page.captureScreenshot", {"format": "png"})
                    with open(os.path.join(shots, "%s-%d.png" % (name, w)), "wb") as f:
                        f.write(base64.b64decode(shot["data"]))
                for f in found:
                    failures.append("%s at %dpx: %s" % (path, w, f))
                print("%s %dpx: %s" % (os.path.relpath(path), w,
                                       "ok" if not found else "%d problems" % len(found)))
    finally:
        b.close()
    return failures


class LinkParser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.targets = []
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k == "id" and v:
                self.ids.add(v)
            if k in ("href", "src") and v is not None:
                self.targets.append(v)


def check_links(top):
    parsed = {}

    def parse(path):
        if path not in parsed:
            p = LinkParser()
            with open(path, encoding="utf-8") as f:
                p.feed(f.read())
            parsed[path] = p
        return parsed[path]

    failures = []
    npages = 0
    for d, _, files in os.walk(top):
        for fn in files:
            if not fn.endswith(".html"):
                continue
            npages += 1
            page = os.path.join(d, fn)
            for t in parse(page).targets:
                u = urllib.parse.urlparse(t)
                if u.scheme in ("mailto",):
                    continue
                if u.scheme or u.netloc:
                    failures.append("%s: link leaves the report: %s" % (page, t))
                    continue
                target = os.path.normpath(os.path.join(d, urllib.parse.unquote(u.path))) \
                    if u.path else page
                if not os.path.exists(target):
                    failures.append("%s: broken link %s" % (page, t))
                elif u.fragment and target.endswith(".html") and \
                        u.fragment not in parse(target).ids:
                    failures.append("%s: no #%s in %s" % (page, u.fragment, target))
    print("links: %d pages checked" % npages)
    return failures


def main(argv):
    shots, widths, pages = None, [400, 1000], []
    i = 1
    if len(argv) == 3 and argv[1] == "--links":
        failures = check_links(argv[2])
    else:
        while i < len(argv):
            if argv[i] == "--shots":
                shots = argv[i + 1]
                i += 2
            elif argv[i] == "--widths":
                widths = [int(w) for w in argv[i + 1].split(",")]
                i += 2
            else:
                pages.append(argv[i])
                i += 1
        if not pages:
            print("usage: browser.py [--shots DIR] [--widths W,W] PAGE[::CHECK]...",
                  file=sys.stderr)
            return 2
        if shots:
            os.makedirs(shots, exist_ok=True)
        failures = check_pages(pages, widths, shots)
    for f in failures:
        print("FAIL: " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
