"""Process start to first frame: start a program in a 140x40 pseudo-terminal and time, from
just before the fork, the first output holding a cursor move to the top left (a full-screen
program's first frame, `ESC [ 1 ; 1 H`), then send it `q`. Prints the median in ms.

No tracer is attached (strace slowed each thread's start, and mentorlog starts a few), so
the time includes this script's fork: run it on a program that prints the cursor move and
exits (`printf '\\033[1;1H'`) for the floor to take away.

With --until-exit, it times instead from just before the fork to the program's exit after
the `q` (start, first frame, quit): util-linux `script` fed `q` on its standard input can wait
about 250 ms after that input ends, depending on whether the program has left by then, so it
is no harness for this.

Usage: python3 benches/first_frame.py [--until-exit] RUNS PROGRAM [ARGS...]
"""

import fcntl
import os
import pty
import select
import statistics
import struct
import sys
import termios
import time


def once(argv):
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 140, 0, 0))
        os.execvp(argv[0], argv)
    seen, t1 = b"", None
    while True:
        ready, _, _ = select.select([fd], [], [], 10)
        if not ready:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        if t1 is None and b"\x1b[1;1H" in seen:
            t1 = time.perf_counter()
            try:
                os.write(fd, b"q")
            except OSError:
                pass
    os.waitpid(pid, 0)
    t2 = time.perf_counter()
    os.close(fd)
    return None if t1 is None else ((t1 - t0) * 1000, (t2 - t0) * 1000)


def main():
    args = sys.argv[1:]
    until_exit = args[:1] == ["--until-exit"]
    if until_exit:
        args = args[1:]
    runs, argv = int(args[0]), args[1:]
    times = []
    for _ in range(runs):
        t = once(argv)
        if t is not None:
            times.append(t[1] if until_exit else t[0])
        time.sleep(0.05)
    if not times:
        sys.exit("no first frame seen")
    print(f"{statistics.median(times):.2f}")


if __name__ == "__main__":
    main()
