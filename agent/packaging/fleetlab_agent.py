# dnf 4 plugin of fleetlab-agent: notes what each dnf transaction measured (its start,
# the rpm phase, CPU time, the free-space low point, the packages with their download
# and installed sizes) in the agent's spool, for `fleetlab-agent report` to send with
# the transaction's history. It writes files only: nothing in dnf's path reaches the
# network, and a failure here is logged and never fails dnf.
#
# Installed as <python3 sitelib>/dnf-plugins/fleetlab_agent.py; turned off with
# enabled=0 in /etc/dnf/plugins/fleetlab-agent.conf.

import ctypes
import json
import logging
import os
import resource
import threading
import time

import dnf

logger = logging.getLogger('dnf.plugin')

STATE_DIR = '/var/lib/fleetlab-agent'
AGENT_CONF = '/etc/fleetlab/agent.conf'
WATCH_SECONDS = 0.2


def _ms(seconds):
    return int(round(seconds * 1000))


def _free_bytes(path):
    stats = os.statvfs(path)
    return stats.f_bfree * stats.f_frsize


def _syncfs(path):
    # Delayed allocation: XFS and btrfs count written blocks only once they are flushed.
    try:
        fd = os.open(path, os.O_RDONLY)
        try:
            ctypes.CDLL(None, use_errno=True).syncfs(fd)
        finally:
            os.close(fd)
    except (OSError, AttributeError):
        pass


def _cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _state_dir(root):
    """state_dir of <root>/etc/fleetlab/agent.conf, else the default, inside root."""
    state_dir = STATE_DIR
    try:
        with open(os.path.join(root, AGENT_CONF.lstrip('/'))) as conf:
            for line in conf:
                key, sep, value = line.partition('=')
                if sep and key.strip() == 'state_dir' and value.strip():
                    state_dir = value.strip()
    except OSError:
        pass
    return os.path.join(root, state_dir.lstrip('/'))


def _write_atomically(path, data):
    directory = os.path.dirname(path)
    os.makedirs(directory, mode=0o700, exist_ok=True)
    temporary = os.path.join(directory, '.%s.%d.tmp' % (os.path.basename(path), os.getpid()))
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, 'w') as out:
        json.dump(data, out)
    os.rename(temporary, path)


def _nevra(pkg):
    return '%s-%s:%s-%s.%s' % (pkg.name, pkg.epoch or 0, pkg.version, pkg.release, pkg.arch)


class _FreeSpaceWatch(threading.Thread):
    """Keeps the lowest free space of a filesystem until stopped."""

    def __init__(self, path):
        super(_FreeSpaceWatch, self).__init__(name='fleetlab-free-space', daemon=True)
        self.path = path
        self.start_bytes = _free_bytes(path)
        self.low = self.start_bytes
        self._stop_event = threading.Event()

    def run(self):
        while not self._stop_event.wait(WATCH_SECONDS):
            self._sample()

    def _sample(self):
        try:
            self.low = min(self.low, _free_bytes(self.path))
        except OSError:
            pass

    def stop(self):
        self._stop_event.set()
        self._sample()
        return self.low


class FleetlabAgent(dnf.Plugin):
    name = 'fleetlab-agent'

    def __init__(self, base, cli):
        super(FleetlabAgent, self).__init__(base, cli)
        self._started = time.time()
        self._watch = None
        self._rpm_started = None
        self._cpu_start = None

    def _guard(self, hook, action):
        try:
            action()
        except Exception as error:  # never fail dnf for a measurement
            logger.warning('fleetlab-agent plugin, %s: %s', hook, error)

    def _root(self):
        return self.base.conf.installroot or '/'

    def _hook_dir(self):
        return os.path.join(_state_dir(self._root()), 'spool', 'dnf-hooks')

    def _pending(self):
        return os.path.join(self._hook_dir(), 'dnf4-%d.pending' % os.getpid())

    def resolved(self):
        # Downloads come next: from here, watch how low free space goes.
        def start():
            self._watch = _FreeSpaceWatch(self._root())
            self._watch.start()
        self._guard('resolved', start)

    def pre_transaction(self):
        def note():
            self._rpm_started = time.time()
            self._cpu_start = _cpu_seconds()
            # Tells `report` that a transaction is under way, so it waits for this record.
            _write_atomically(self._pending(), {
                'tool': 'dnf4', 'pid': os.getpid(), 'startedAt': _ms(self._started)})
        self._guard('pre_transaction', note)

    def transaction(self):
        self._guard('transaction', self._record)

    def _record(self):
        ended = time.time()
        cpu = _cpu_seconds()
        root = self._root()
        low = self._watch.stop() if self._watch else None
        _syncfs(root)
        free_end = _free_bytes(root)
        packages = []
        for pkg in self.base.transaction.install_set:
            packages.append({
                'nevra': _nevra(pkg), 'action': 'in',
                'downloadSize': int(pkg.downloadsize or 0),
                'installSize': int(pkg.installsize or 0)})
        for pkg in self.base.transaction.remove_set:
            packages.append({'nevra': _nevra(pkg), 'action': 'out'})
        record = {
            'tool': 'dnf4',
            'pid': os.getpid(),
            'startedAt': _ms(self._started),
            'endedAt': _ms(ended),
            'freeBytesEnd': free_end,
            'packages': packages,
        }
        last = self.base.history.last()
        if last is not None:
            record['historyId'] = int(last.tid)
            record['historyBegin'] = int(last.beg_timestamp)
        if self._rpm_started is not None:
            record['rpmStartedAt'] = _ms(self._rpm_started)
            record['cpuMs'] = _ms(cpu - self._cpu_start)
        if self._watch is not None:
            record['freeBytesStart'] = self._watch.start_bytes
            record['freeBytesLow'] = min(low, free_end)
        source_date_epoch = os.environ.get('SOURCE_DATE_EPOCH', '')
        if source_date_epoch.isdigit():
            record['sourceDateEpoch'] = int(source_date_epoch)
        directory = self._hook_dir()
        _write_atomically(
            os.path.join(directory, 'dnf4-%d-%d.json' % (os.getpid(), record['endedAt'])), record)
        try:
            os.remove(self._pending())
        except OSError:
            pass
