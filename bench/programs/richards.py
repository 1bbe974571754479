"""Richards: an operating-system task scheduler simulation (Martin Richards' BCPL benchmark).

Stresses: OO method calls, attribute access on small objects, linked lists, polymorphic dispatch.
"""
# quick: 2
import sys

IDLE, WORKER, HANDLER_A, HANDLER_B, DEVICE_A, DEVICE_B = range(1, 7)
KIND_DEVICE, KIND_WORK = 0, 1
BUFSIZE = 4


class Packet:
    def __init__(self, link, dest, kind):
        self.link = link
        self.dest = dest
        self.kind = kind
        self.datum = 0
        self.data = [0] * BUFSIZE

    def append_to(self, queue):
        """Append self at the end of queue (a packet chain); return the new head."""
        self.link = None
        if queue is None:
            return self
        p = queue
        while p.link is not None:
            p = p.link
        p.link = self
        return queue


class Task:
    """A task control block; subclasses implement step(packet)."""

    def __init__(self, sched, ident, priority, queue, waiting):
        self.sched = sched
        self.ident = ident
        self.priority = priority
        self.queue = queue
        self.pending = queue is not None
        self.waiting = waiting
        self.holding = False
        self.next = sched.tasks
        sched.tasks = self
        sched.table[ident] = self

    def blocked(self):
        return self.holding or (self.waiting and not self.pending)

    def ready_with_packet(self):
        return self.pending and self.waiting and not self.holding

    def take_packet(self):
        pkt = self.queue
        self.queue = pkt.link
        self.pending = self.queue is not None
        self.waiting = False
        return pkt

    def receive(self, pkt, sender):
        """Queue pkt on this task; return the task that should run next."""
        if self.queue is None:
            self.queue = pkt
            self.pending = True
            if self.priority > sender.priority:
                return self
        else:
            self.queue = pkt.append_to(self.queue)
        return sender

    # Operations a running task uses to talk to the scheduler.
    def wait(self):
        self.waiting = True
        return self

    def hold_self(self):
        self.sched.hold_count += 1
        self.holding = True
        return self.next

    def release(self, ident):
        t = self.sched.table[ident]
        t.holding = False
        if t.priority > self.priority:
            return t
        return self

    def send(self, pkt):
        target = self.sched.table[pkt.dest]
        self.sched.queue_count += 1
        pkt.link = None
        pkt.dest = self.ident
        return target.receive(pkt, self)


class IdleTask(Task):
    def __init__(self, sched, count):
        Task.__init__(self, sched, IDLE, 0, None, False)
        self.seed = 1
        self.count = count

    def step(self, pkt):
        self.count -= 1
        if self.count == 0:
            return self.hold_self()
        if self.seed & 1 == 0:
            self.seed >>= 1
            return self.release(DEVICE_A)
        self.seed = (self.seed >> 1) ^ 0xD008
        return self.release(DEVICE_B)


class WorkerTask(Task):
    def __init__(self, sched, queue):
        Task.__init__(self, sched, WORKER, 1000, queue, True)
        self.target = HANDLER_A
        self.letter = 0

    def step(self, pkt):
        if pkt is None:
            return self.wait()
        self.target = HANDLER_B if self.target == HANDLER_A else HANDLER_A
        pkt.dest = self.target
        pkt.datum = 0
        data = pkt.data
        for i in range(BUFSIZE):
            self.letter += 1
            if self.letter > 26:
                self.letter = 1
            data[i] = self.letter
        return self.send(pkt)


class HandlerTask(Task):
    def __init__(self, sched, ident, priority, queue):
        Task.__init__(self, sched, ident, priority, queue, True)
        self.work = None
        self.devices = None

    def step(self, pkt):
        if pkt is not None:
            if pkt.kind == KIND_WORK:
                self.work = pkt.append_to(self.work)
            else:
                self.devices = pkt.append_to(self.devices)
        work = self.work
        if work is not None:
            n = work.datum
            if n < BUFSIZE:
                dev = self.devices
                if dev is not None:
                    self.devices = dev.link
                    dev.datum = work.data[n]
                    work.datum = n + 1
                    return self.send(dev)
            else:
                self.work = work.link
                return self.send(work)
        return self.wait()


class DeviceTask(Task):
    def __init__(self, sched, ident, priority):
        Task.__init__(self, sched, ident, priority, None, True)
        self.held = None

    def step(self, pkt):
        if pkt is None:
            held = self.held
            if held is None:
                return self.wait()
            self.held = None
            return self.send(held)
        self.held = pkt
        return self.hold_self()


class Scheduler:
    def __init__(self):
        self.tasks = None
        self.table = [None] * 7
        self.queue_count = 0
        self.hold_count = 0

    def run(self):
        t = self.tasks
        while t is not None:
            if t.blocked():
                t = t.next
            elif t.ready_with_packet():
                t = t.step(t.take_packet())
            else:
                t = t.step(None)


def one_run():
    s = Scheduler()
    IdleTask(s, 10000)
    q = Packet(None, WORKER, KIND_WORK)
    q = Packet(q, WORKER, KIND_WORK)
    WorkerTask(s, q)
    for ident, prio, dev in ((HANDLER_A, 2000, DEVICE_A), (HANDLER_B, 3000, DEVICE_B)):
        q = Packet(None, dev, KIND_DEVICE)
        q = Packet(q, dev, KIND_DEVICE)
        q = Packet(q, dev, KIND_DEVICE)
        HandlerTask(s, ident, prio, q)
    DeviceTask(s, DEVICE_A, 4000)
    DeviceTask(s, DEVICE_B, 5000)
    s.run()
    return s.queue_count, s.hold_count


def main(n):
    total = 0
    for _ in range(n):
        qc, hc = one_run()
        if (qc, hc) != (23246, 9297):
            raise SystemExit("richards: wrong result %d %d" % (qc, hc))
        total += qc + hc
    return total


if __name__ == "__main__":
    print(main(int(sys.argv[1]) if len(sys.argv) > 1 else 50))
