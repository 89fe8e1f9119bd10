// What the model knows about the standard library (and a few well-known packages), by qualified name:
// which calls start threads or processes, which objects are locks, queues or thread-locals, which calls block
// (releasing the GIL while they wait), which run native code without the GIL, and which builtins loop in C while
// holding it. Facts only; how much each costs is the workload's business.

/** How a call that runs a callable in another thread (or process) takes its arguments. */
export interface SpawnSignature {
  /** Where the callable is: positional index and keyword name. */
  readonly callable: { readonly index: number; readonly keyword: string };
  /** Where a tuple of positional arguments is passed, if any (`args=`). */
  readonly args?: { readonly index: number; readonly keyword: string };
  /** Where a dict of keyword arguments is passed, if any (`kwargs=`). */
  readonly kwargs?: { readonly index: number; readonly keyword: string };
  /** The remaining positional arguments are the callable's own (`submit(fn, *args)`). */
  readonly restArePositional?: boolean;
  /** The remaining keyword arguments are the callable's own. */
  readonly restAreKeywords?: boolean;
  /** The callable is applied once per item of the iterable at this position (`map(fn, items)`). */
  readonly mapsOver?: number;
  /** Items are argument tuples (`starmap`). */
  readonly starmap?: boolean;
}

/** Constructors and functions that start a thread themselves. */
export const THREAD_CONSTRUCTORS: ReadonlyMap<string, SpawnSignature> = new Map([
  ['threading.Thread', {
    callable: { index: 1, keyword: 'target' }, args: { index: 3, keyword: 'args' }, kwargs: { index: 4, keyword: 'kwargs' },
  }],
  ['threading.Timer', {
    callable: { index: 1, keyword: 'function' }, args: { index: 2, keyword: 'args' }, kwargs: { index: 3, keyword: 'kwargs' },
  }],
  ['_thread.start_new_thread', {
    callable: { index: 0, keyword: 'function' }, args: { index: 1, keyword: 'args' }, kwargs: { index: 2, keyword: 'kwargs' },
  }],
  ['_thread.start_new', {
    callable: { index: 0, keyword: 'function' }, args: { index: 1, keyword: 'args' }, kwargs: { index: 2, keyword: 'kwargs' },
  }],
  ['asyncio.to_thread', { callable: { index: 0, keyword: 'func' }, restArePositional: true, restAreKeywords: true }],
]);

/**
 * asyncio's ways to run coroutines as tasks on the event loop: `run` blocks the calling thread until its coroutine
 * is done; `await` makes tasks of its coroutine arguments and, awaited, waits for them; `start` only makes a task.
 */
export const TASK_RUNNERS: ReadonlyMap<string, 'run' | 'await' | 'start'> = new Map([
  ['asyncio.run', 'run'], ['asyncio.AbstractEventLoop.run_until_complete', 'run'], ['asyncio.Runner.run', 'run'],
  ['asyncio.gather', 'await'], ['asyncio.wait', 'await'], ['asyncio.wait_for', 'await'], ['asyncio.shield', 'await'],
  ['asyncio.as_completed', 'await'],
  ['asyncio.create_task', 'start'], ['asyncio.ensure_future', 'start'], ['asyncio.AbstractEventLoop.create_task', 'start'],
  ['asyncio.TaskGroup.create_task', 'start'],
]);

/** Names a lock is usually given (`lock`, `stats_mutex`, `cond`, `sem`, `guard`). */
export const LOCKISH_NAME = /lock|mutex|cond|sem|guard/i;

/** Functions whose thread starts immediately (the others start at `.start()`). */
export const STARTS_IMMEDIATELY = new Set(['_thread.start_new_thread', '_thread.start_new', 'asyncio.to_thread']);

/** The thread class, for `class Worker(Thread)`. */
export const THREAD_CLASSES = new Set(['threading.Thread', 'threading.Timer']);

/** Pools whose workers are threads, and how many workers they have by default. */
export const THREAD_POOLS: ReadonlyMap<string, { readonly workersArg: { index: number; keyword: string } }> = new Map([
  ['concurrent.futures.ThreadPoolExecutor', { workersArg: { index: 0, keyword: 'max_workers' } }],
  ['concurrent.futures.thread.ThreadPoolExecutor', { workersArg: { index: 0, keyword: 'max_workers' } }],
  ['multiprocessing.pool.ThreadPool', { workersArg: { index: 0, keyword: 'processes' } }],
  ['multiprocessing.dummy.Pool', { workersArg: { index: 0, keyword: 'processes' } }],
]);

/** Pools and constructors that run the callable in another process: never a thread of this interpreter. */
export const PROCESS_POOLS = new Set([
  'concurrent.futures.ProcessPoolExecutor', 'concurrent.futures.process.ProcessPoolExecutor', 'multiprocessing.Pool',
  'multiprocessing.pool.Pool',
]);
export const PROCESS_CONSTRUCTORS: ReadonlyMap<string, SpawnSignature> = new Map([
  ['multiprocessing.Process', {
    callable: { index: 1, keyword: 'target' }, args: { index: 3, keyword: 'args' }, kwargs: { index: 4, keyword: 'kwargs' },
  }],
]);

/** Methods of pools and executors that run a callable on a worker. */
export const POOL_METHODS: ReadonlyMap<string, SpawnSignature> = new Map([
  ['submit', { callable: { index: 0, keyword: 'fn' }, restArePositional: true, restAreKeywords: true }],
  ['map', { callable: { index: 0, keyword: 'func' }, mapsOver: 1 }],
  ['imap', { callable: { index: 0, keyword: 'func' }, mapsOver: 1 }],
  ['imap_unordered', { callable: { index: 0, keyword: 'func' }, mapsOver: 1 }],
  ['map_async', { callable: { index: 0, keyword: 'func' }, mapsOver: 1 }],
  ['starmap', { callable: { index: 0, keyword: 'func' }, mapsOver: 1, starmap: true }],
  ['starmap_async', { callable: { index: 0, keyword: 'func' }, mapsOver: 1, starmap: true }],
  ['apply', { callable: { index: 0, keyword: 'func' }, args: { index: 1, keyword: 'args' }, kwargs: { index: 2, keyword: 'kwds' } }],
  ['apply_async', {
    callable: { index: 0, keyword: 'func' }, args: { index: 1, keyword: 'args' }, kwargs: { index: 2, keyword: 'kwds' },
  }],
]);

/** `loop.call_soon_threadsafe(callback, *args)`. */
export const CALL_SOON_THREADSAFE: SpawnSignature = { callable: { index: 0, keyword: 'callback' }, restArePositional: true };

/** `loop.run_in_executor(executor, func, *args)`: a thread of the default pool when `executor` is None. */
export const RUN_IN_EXECUTOR: SpawnSignature = { callable: { index: 1, keyword: 'func' }, restArePositional: true };

/** Types whose `with x:` (or acquire/release) gives mutual exclusion. Semaphores only when their value is 1. */
export const LOCK_TYPES = new Set([
  'threading.Lock', 'threading.RLock', 'threading.Condition', '_thread.allocate_lock', '_thread.LockType',
  '_thread.RLock', 'multiprocessing.Lock', 'multiprocessing.RLock', 'multiprocessing.Condition',
]);
export const SEMAPHORE_TYPES = new Set([
  'threading.Semaphore', 'threading.BoundedSemaphore', 'multiprocessing.Semaphore', 'multiprocessing.BoundedSemaphore',
]);

/** Objects whose attributes belong to each thread separately. */
export const THREAD_LOCAL_TYPES = new Set(['threading.local', '_threading_local.local', '_thread._local']);

/** Containers whose operations are safe hand-offs between threads. */
export const QUEUE_TYPES = new Set([
  'queue.Queue', 'queue.LifoQueue', 'queue.PriorityQueue', 'queue.SimpleQueue', 'multiprocessing.Queue',
  'multiprocessing.JoinableQueue', 'multiprocessing.SimpleQueue', 'asyncio.Queue',
]);

/** Classes whose instances are created by calling them, by the type name the model gives their instances. */
export const KNOWN_CLASSES = new Set([
  ...THREAD_CONSTRUCTORS.keys(), ...THREAD_POOLS.keys(), ...PROCESS_POOLS, ...PROCESS_CONSTRUCTORS.keys(),
  ...LOCK_TYPES, ...SEMAPHORE_TYPES, ...THREAD_LOCAL_TYPES, ...QUEUE_TYPES,
  'threading.Event', 'threading.Barrier', 'types.SimpleNamespace', 'collections.deque', 'collections.Counter', 'collections.defaultdict',
  'collections.OrderedDict', 'socket.socket', 'subprocess.Popen', 'asyncio.Lock', 'asyncio.Event',
  'asyncio.Semaphore', 'requests.Session', 'http.client.HTTPConnection', 'http.client.HTTPSConnection',
  'selectors.DefaultSelector', 'asyncio.TaskGroup', 'asyncio.Runner',
  // Pure computation: their methods never wait (a seeded generator per thread, exact arithmetic).
  'random.Random', 'random.SystemRandom', 'decimal.Decimal', 'fractions.Fraction', 'struct.Struct', 'io.StringIO', 'io.BytesIO',
]);

/** What a call does to the thread that makes it, beyond holding the GIL to run Python code. */
export type CallEffect =
  /** Sleeps for a duration given by an argument (seconds). */
  | { readonly kind: 'sleep'; readonly secondsArg: number }
  /** Waits for something outside this thread (network, disk, another thread, a process); GIL released. With
   * `fileArg`, only when that argument is a file the code opened (`json.load(fh)`; an `io.StringIO` does not wait). */
  | { readonly kind: 'block'; readonly what: string; readonly fileArg?: number; readonly encodes?: number }
  /** Runs native code without the GIL (still needs a core); `minBytes` when it only releases on large inputs. */
  | { readonly kind: 'native'; readonly what: string; readonly minBytes?: number; readonly dataArg?: number }
  /**
   * Runs a loop in C while holding the GIL, over the argument at `overArg` (or the receiver when -1); `perItem`
   * C steps for each of its items (one when absent).
   */
  | { readonly kind: 'c-loop'; readonly overArg: number; readonly perItem?: number; readonly leaves?: true; readonly perCall?: number }
  /**
   * Python code of the standard library (random's distributions, statistics' exact sums), which holds the GIL as
   * the file's own code does: `calls` Python calls and `steps` other bytecodes a call, and with `perItem` as many
   * again for each item it makes or visits: of the argument at `over`, or the count given as `k`.
   */
  | { readonly kind: 'python'; readonly calls: number; readonly steps: number; readonly perItem?: PythonPerItem }
  /**
   * Runs a loop in C over the bits of the number at `bitsArg`, `perBit` C steps a bit, when the call has at least
   * `minArgs` arguments (`pow(b, e, m)` squares and multiplies once a bit of `e`; `pow(b, e)` of small numbers does not).
   */
  | { readonly kind: 'c-bits'; readonly bitsArg: number; readonly perBit: number; readonly minArgs: number };

export interface PythonPerItem {
  readonly calls: number;
  readonly steps: number;
  /** The argument whose items are visited, or where the count of items made is (`k` by keyword, or this position). */
  readonly over: { readonly arg: number } | { readonly count: 'k'; readonly position?: number };
}

const block = (what: string): CallEffect => ({ kind: 'block', what });
const cLoop = (overArg: number): CallEffect => ({ kind: 'c-loop', overArg });
/**
 * A pass over a text's characters in C (`replace`, `count`, `find`, `encode`, `decode`): timeit on 3.11 gives 0.02 to
 * 0.7 ns a character for ASCII text, a tenth of a C step or less, against about 4 ns for a step over a list's items.
 */
const textScan = (): CallEffect => ({ kind: 'c-loop', overArg: -1, perItem: 0.1 });

/**
 * The Python code of `random` and `statistics` functions, fitted to timeit on CPython 3.11 (per call, and per item
 * made or visited): `randint` 243 ns, `uniform` 98, `gauss` 410, `choice` 165; `choices` 52 ns an item (413 with
 * weights), `sample` 320, `shuffle` 200; `statistics.mean` 400 ns an item, `variance` 460, `stdev` 780. A step is
 * about 13.5 ns, a call 10 (see pythonSteps in execution.ts).
 */
const python = (calls: number, steps: number, perItem?: PythonPerItem): CallEffect => ({ kind: 'python', calls, steps, perItem });
const RANDOM_PYTHON: ReadonlyArray<readonly [string, CallEffect]> = [
  ['randint', python(3, 16)],
  ['randrange', python(2, 11)],
  ['uniform', python(1, 7)],
  ['triangular', python(1, 10)],
  ['gauss', python(1, 30)],
  ['normalvariate', python(1, 31)],
  ['lognormvariate', python(2, 29)],
  ['expovariate', python(1, 8)],
  ['paretovariate', python(1, 7)],
  ['weibullvariate', python(1, 8)],
  ['vonmisesvariate', python(1, 61)],
  ['gammavariate', python(1, 60)],
  ['betavariate', python(3, 98)],
  ['choice', python(2, 11)],
  ['choices', python(1, 10, { calls: 0, steps: 4, over: { count: 'k' } })],
  ['sample', python(1, 20, { calls: 2, steps: 22, over: { count: 'k', position: 1 } })],
  ['shuffle', python(1, 4, { calls: 1, steps: 14, over: { arg: 0 } })],
];

/** Effects of module-level functions and constructors, by qualified name. */
export const FUNCTION_EFFECTS: ReadonlyMap<string, CallEffect> = new Map<string, CallEffect>([
  ['time.sleep', { kind: 'sleep', secondsArg: 0 }],
  ['os.read', block('a read from a file descriptor')],
  ['os.walk', block('file I/O')],
  ['os.listdir', block('file I/O')],
  ['os.scandir', block('file I/O')],
  ['glob.glob', block('file I/O')],
  ['os.write', block('a write to a file descriptor')],
  // Waits until the data is on the disk itself: as long as the device takes, not the page cache's microseconds.
  ['os.fsync', block('a flush to disk')],
  ['os.fdatasync', block('a flush to disk')],
  ['os.system', block('a shell command')],
  ['os.waitpid', block('a child process')],
  ['os.wait', block('a child process')],
  ['select.select', block('select()')],
  ['socket.create_connection', block('a network connection')],
  ['socket.getaddrinfo', block('a DNS lookup')],
  ['socket.gethostbyname', block('a DNS lookup')],
  ['urllib.request.urlopen', block('an HTTP request')],
  ['urllib.request.urlretrieve', block('an HTTP request')],
  ['requests.get', block('an HTTP request')],
  ['requests.post', block('an HTTP request')],
  ['requests.put', block('an HTTP request')],
  ['requests.patch', block('an HTTP request')],
  ['requests.delete', block('an HTTP request')],
  ['requests.head', block('an HTTP request')],
  ['requests.request', block('an HTTP request')],
  ['httpx.get', block('an HTTP request')],
  ['httpx.post', block('an HTTP request')],
  ['httpx.request', block('an HTTP request')],
  ['subprocess.run', block('a child process')],
  ['subprocess.call', block('a child process')],
  ['subprocess.check_call', block('a child process')],
  ['subprocess.check_output', block('a child process')],
  ['subprocess.getoutput', block('a child process')],
  ['input', block('console input')],
  // Serializers that read or write the file object they are given, all of it, in the call.
  ['json.load', { kind: 'block', what: 'file I/O', fileArg: 0 }],
  // json.dump encodes in Python (the C encoder serves only dumps' one-shot call), writing piece by piece: timeit on
  // 3.11 gives 4.3 times dumps' time for 300 records, so `encodes` C steps a value, four times dumps' 50.
  ['json.dump', { kind: 'block', what: 'file I/O', fileArg: 1, encodes: 200 }],
  ['pickle.load', { kind: 'block', what: 'file I/O', fileArg: 0 }],
  ['pickle.dump', { kind: 'block', what: 'file I/O', fileArg: 1 }],
  ['shutil.copyfile', block('file I/O')],
  ['shutil.copy', block('file I/O')],
  ['concurrent.futures.wait', block('other threads')],
  ['concurrent.futures.as_completed', block('other threads')],
  ['hashlib.pbkdf2_hmac', { kind: 'native', what: 'PBKDF2 in OpenSSL' }],
  ['hashlib.scrypt', { kind: 'native', what: 'scrypt in OpenSSL' }],
  ['zlib.compress', { kind: 'native', what: 'zlib compression', dataArg: 0 }],
  ['zlib.decompress', { kind: 'native', what: 'zlib decompression', dataArg: 0 }],
  ['zlib.crc32', { kind: 'native', what: 'a CRC', minBytes: 5 * 1024, dataArg: 0 }],
  ['zlib.adler32', { kind: 'native', what: 'a checksum', minBytes: 5 * 1024, dataArg: 0 }],
  ['gzip.compress', { kind: 'native', what: 'gzip compression', dataArg: 0 }],
  ['gzip.decompress', { kind: 'native', what: 'gzip decompression', dataArg: 0 }],
  ['bz2.compress', { kind: 'native', what: 'bz2 compression', dataArg: 0 }],
  ['bz2.decompress', { kind: 'native', what: 'bz2 decompression', dataArg: 0 }],
  ['lzma.compress', { kind: 'native', what: 'LZMA compression', dataArg: 0 }],
  ['lzma.decompress', { kind: 'native', what: 'LZMA decompression', dataArg: 0 }],
  ['sum', cLoop(0)],
  ['sorted', cLoop(0)],
  ['min', cLoop(0)],
  ['max', cLoop(0)],
  ['list', cLoop(0)],
  ['tuple', cLoop(0)],
  ['set', cLoop(0)],
  ['frozenset', cLoop(0)],
  ['dict', cLoop(0)],
  ['any', cLoop(0)],
  ['all', cLoop(0)],
  ['bytes', cLoop(0)],
  ['bytearray', cLoop(0)],
  // JSON in C, with the GIL held. timeit on 3.11 against sum's 4 ns an item: dumps 200-270 ns a value (a dict's key
  // and value are two), about 50 steps, counted over every value at every depth (`leaves`); loads 8 ns a character.
  // Each call also runs the module's Python wrapper and the decoder's whitespace matches: about 1 us for
  // `json.dumps(1)` and 0.9 us for `json.loads("1")` (`perCall` steps), most of a small record's 1.5 us.
  ['json.dumps', { kind: 'c-loop', overArg: 0, perItem: 50, leaves: true, perCall: 240 }],
  ['json.loads', { kind: 'c-loop', overArg: 0, perItem: 2, perCall: 210 }],
  // Modular exponentiation: timeit on 3.11 with a modulus below 2**30 gives about 38 ns a bit of the exponent
  // (132 ns for 10, 759 for 10**6, 2,261 for 10**18), nine C steps.
  ['pow', { kind: 'c-bits', bitsArg: 1, perBit: 9, minArgs: 3 }],
  ['math.fsum', cLoop(0)],
  ['math.prod', cLoop(0)],
  ['statistics.mean', python(3, 20, { calls: 1, steps: 28, over: { arg: 0 } })],
  ['statistics.variance', python(4, 30, { calls: 1, steps: 33, over: { arg: 0 } })],
  ['statistics.pvariance', python(4, 30, { calls: 1, steps: 33, over: { arg: 0 } })],
  ['statistics.stdev', python(5, 35, { calls: 2, steps: 56, over: { arg: 0 } })],
  ['statistics.pstdev', python(5, 35, { calls: 2, steps: 56, over: { arg: 0 } })],
  ...RANDOM_PYTHON.map(([method, effect]) => [`random.${method}`, effect] as const),
  // A SequenceMatcher is made to be asked (`ratio()`, `get_matching_blocks()`), and the matching, in Python, is the
  // time: timeit on 3.11 gave 7.5 us to make one of two 35-character texts and 48 us for its ratio(), 144 us at 56
  // characters. Charged where it is made, by the second text's characters (fitted at 30 to 60 of them).
  ['difflib.SequenceMatcher', python(4, 550, { calls: 0, steps: 100, over: { arg: 2 } })],
]);

for (const name of ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha3_256', 'sha3_512', 'blake2b', 'blake2s']) {
  (FUNCTION_EFFECTS as Map<string, CallEffect>).set(`hashlib.${name}`, {
    kind: 'native', what: `${name} hashing`, minBytes: 2048, dataArg: 0,
  });
}
(FUNCTION_EFFECTS as Map<string, CallEffect>).set('hashlib.new', {
  kind: 'native', what: 'hashing', minBytes: 2048, dataArg: 1,
});

/** What a call into the local file system waits for (see CostProfile.fileIoMs). */
export const FILE_IO = 'file I/O';

/**
 * Methods of a file that copy into its buffer and reach the file system only once the buffer (8 KiB) fills: a
 * share of a file system call for the bytes each one moves.
 */
export const BUFFERED_FILE_METHODS: ReadonlySet<string> = new Set(['file.write', 'file.writelines', 'file.readline', 'csv.writer.writerow', 'csv.writer.writerows']);

/** Effects of methods, by receiver type and method name. */
export const METHOD_EFFECTS: ReadonlyMap<string, CallEffect> = new Map<string, CallEffect>([
  ['socket.socket.recv', block('a network read')],
  ['socket.socket.recv_into', block('a network read')],
  ['socket.socket.recvfrom', block('a network read')],
  ['socket.socket.send', block('a network write')],
  ['socket.socket.sendall', block('a network write')],
  ['socket.socket.sendto', block('a network write')],
  ['socket.socket.accept', block('an incoming connection')],
  ['socket.socket.connect', block('a network connection')],
  ['socket.socket.connect_ex', block('a network connection')],
  ['socket.socket.recvfrom_into', block('a network read')],
  ['socket.socket.sendfile', block('a network write')],
  // A request handler's `rfile`/`wfile`: reading a line waits for the peer to send it.
  ['socket.SocketIO.readline', block('a network read')],
  ['socket.SocketIO.read', block('a network read')],
  ['socket.SocketIO.readlines', block('a network read')],
  ['socket.SocketIO.write', block('a network write')],
  ['socket.SocketIO.flush', block('a network write')],
  ['subprocess.Popen.wait', block('a child process')],
  ['subprocess.Popen.communicate', block('a child process')],
  ['queue.Queue.get', block('an item from the queue')],
  ['queue.Queue.join', block('the queue to drain')],
  ['multiprocessing.Queue.get', block('an item from the queue')],
  ['threading.Event.wait', block('an event')],
  ['threading.Condition.wait', block('a condition')],
  ['threading.Condition.wait_for', block('a condition')],
  ['threading.Thread.join', block('another thread')],
  ['threading.Timer.join', block('another thread')],
  ['concurrent.futures.Future.result', block('another thread')],
  ['concurrent.futures.ThreadPoolExecutor.shutdown', block('the pool to finish')],
  ['multiprocessing.Process.join', block('a child process')],
  ['file.read', block('file I/O')],
  ['file.readline', block('file I/O')],
  ['file.readlines', block('file I/O')],
  ['file.write', block('file I/O')],
  ['file.writelines', block('file I/O')],
  ['file.flush', block('file I/O')],
  // pathlib opens, reads or writes, and closes the whole file in one call.
  ['pathlib.Path.read_text', block('file I/O')],
  ['pathlib.Path.read_bytes', block('file I/O')],
  ['pathlib.Path.write_text', block('file I/O')],
  ['pathlib.Path.write_bytes', block('file I/O')],
  ['csv.writer.writerow', block('file I/O')],
  ['csv.writer.writerows', block('file I/O')],
  ['requests.Session.get', block('an HTTP request')],
  ['requests.Session.post', block('an HTTP request')],
  ['requests.Session.request', block('an HTTP request')],
  ['http.client.HTTPConnection.request', block('an HTTP request')],
  ['http.client.HTTPConnection.getresponse', block('an HTTP response')],
  ['hashlib.hash.update', { kind: 'native', what: 'hashing', minBytes: 2048, dataArg: 0 }],
  // Streaming zlib (`zlib.decompressobj(31)` for gzip): each block is compressed or inflated without the GIL.
  ['zlib.Compress.compress', { kind: 'native', what: 'zlib compression', dataArg: 0 }],
  ['zlib.Compress.flush', { kind: 'native', what: 'zlib compression' }],
  ['zlib.Decompress.decompress', { kind: 'native', what: 'zlib decompression', dataArg: 0 }],
  ['zlib.Decompress.flush', { kind: 'native', what: 'zlib decompression' }],
  ...RANDOM_PYTHON.map(([method, effect]) => [`random.Random.${method}`, effect] as const),
  ['str.join', cLoop(0)],
  ['bytes.join', cLoop(0)],
  ['list.sort', cLoop(-1)],
  ['list.index', cLoop(-1)],
  ['list.count', cLoop(-1)],
  ['str.replace', textScan()],
  ['str.split', cLoop(-1)],
  ['str.count', textScan()],
  // A search stops at the first match: where that is the file does not say, so half the text on average.
  ['str.find', { kind: 'c-loop', overArg: -1, perItem: 0.05 }],
  ['str.index', { kind: 'c-loop', overArg: -1, perItem: 0.05 }],
  ['str.encode', textScan()],
  ['bytes.decode', textScan()],
]);

/**
 * Method names that block on whatever object they are called on when the receiver is unknown: these names are not
 * used by the common containers, so a call like `conn.recv(1024)` is a network read even when `conn` came from
 * outside the file.
 */
export const BLOCKING_METHOD_NAMES: ReadonlyMap<string, string> = new Map([
  ['recv', 'a network read'], ['recv_into', 'a network read'], ['recvfrom', 'a network read'], ['connect_ex', 'a network connection'],
  ['sendall', 'a network write'], ['accept', 'an incoming connection'], ['urlopen', 'an HTTP request'],
  ['getresponse', 'an HTTP response'], ['communicate', 'a child process'], ['wait_for', 'a condition'],
]);

/** Methods that change the container they are called on (check-then-act acts, and not plain reads). */
export const MUTATING_METHODS = new Set([
  'append', 'appendleft', 'extend', 'extendleft', 'insert', 'pop', 'popleft', 'popitem', 'remove', 'discard',
  'clear', 'add', 'update', 'setdefault', 'sort', 'reverse', 'rotate', '__setitem__', '__delitem__', 'move_to_end',
  'frombytes', 'fromlist', 'fromunicode', 'fromfile',
]);

/**
 * Methods that add items to a container: they allocate as it grows, and `x = []` then `x.append(...)` is not empty
 * (nor is `array.array("h")` after `frombytes(pcm)`).
 */
export const GROWING_METHODS: ReadonlySet<string> = new Set([
  'append', 'appendleft', 'extend', 'extendleft', 'insert', 'add', 'update', 'setdefault', 'frombytes', 'fromlist', 'fromunicode', 'fromfile',
]);

/** Methods that take an item out and fail (or, on a queue, wait) when it is gone: the act of a check-then-act. */
export const REMOVING_METHODS = new Set(['pop', 'popleft', 'popitem', 'remove', 'get', 'get_nowait']);

/** A queue's methods that take an item out or put one in. */
export const QUEUE_CHANGES = new Set(['get', 'get_nowait', 'put', 'put_nowait']);

/** Servers that handle each request in a thread of its own (socketserver's ThreadingMixIn). */
export const THREADING_SERVERS: ReadonlySet<string> = new Set([
  'socketserver.ThreadingTCPServer', 'socketserver.ThreadingUDPServer', 'socketserver.ThreadingUnixStreamServer',
  'socketserver.ThreadingUnixDatagramServer', 'http.server.ThreadingHTTPServer',
]);

/**
 * What a request handler class runs for each request: `handle`, or an HTTP handler's `do_GET`-style methods, and the
 * `setup` before and `finish` after them that the handler's constructor calls in the same thread.
 */
export const REQUEST_METHODS = ['handle', 'do_GET', 'do_POST', 'do_PUT', 'do_PATCH', 'do_DELETE', 'do_HEAD', 'setup', 'finish'];

/**
 * Library methods that call, on the same object, methods a subclass may override: `self.send_response(200)` in an
 * HTTP handler logs through `log_request`, then `log_message`. By the module whose classes they belong to.
 */
export const LIBRARY_HOOKS: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>> = new Map([
  ['http.server', new Map([
    ['send_response', ['log_request']], ['log_request', ['log_message']], ['send_error', ['log_error', 'send_response']],
    ['log_error', ['log_message']],
  ])],
  ['logging', new Map([['handle', ['emit']]])],
]);

/** A logger's methods that hand a record to its handlers (module functions log to the root logger). */
export const LOGGING_CALLS = new Set(['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'fatal', 'log']);

/** Known type of the object a module function or constructor returns. */
export const RETURN_TYPES: ReadonlyMap<string, string> = new Map([
  ['open', 'file'],
  ['io.open', 'file'],
  ['pathlib.Path.open', 'file'],
  // Writers into a file: a line a row.
  ['csv.writer', 'csv.writer'],
  ['csv.DictWriter', 'csv.writer'],
  ['socket.create_connection', 'socket.socket'],
  // `sock.makefile("rwb")`: the connection as a buffered stream, as a request handler's `rfile` is.
  ['socket.socket.makefile', 'socket.SocketIO'],
  ['threading.current_thread', 'threading.Thread'],
  ['threading.Thread', 'threading.Thread'],
  ['threading.Timer', 'threading.Timer'],
  ['hashlib.new', 'hashlib.hash'],
  // A match is a `re.Match` (or None): its `group`, `groups` and `span` are C code that never waits.
  ['re.match', 're.Match'],
  ['re.search', 're.Match'],
  ['re.fullmatch', 're.Match'],
  ['re.Pattern.match', 're.Match'],
  ['re.Pattern.search', 're.Match'],
  ['re.Pattern.fullmatch', 're.Match'],
  ['zlib.compressobj', 'zlib.Compress'],
  ['zlib.decompressobj', 'zlib.Decompress'],
  ['requests.session', 'requests.Session'],
  ['multiprocessing.Manager', 'multiprocessing.Manager'],
  // State in shared memory or behind a manager's server: what child processes write in it, the parent sees.
  ['multiprocessing.Value', 'multiprocessing.Value'],
  ['multiprocessing.RawValue', 'multiprocessing.Value'],
  ['multiprocessing.Array', 'multiprocessing.Array'],
  ['multiprocessing.RawArray', 'multiprocessing.Array'],
  ['multiprocessing.Manager.dict', 'multiprocessing.managers.DictProxy'],
  ['multiprocessing.Manager.list', 'multiprocessing.managers.ListProxy'],
  ['multiprocessing.Manager.Value', 'multiprocessing.managers.ValueProxy'],
  ['multiprocessing.Manager.Array', 'multiprocessing.managers.ArrayProxy'],
  ['asyncio.get_running_loop', 'asyncio.AbstractEventLoop'],
  ['asyncio.get_event_loop', 'asyncio.AbstractEventLoop'],
  ['asyncio.new_event_loop', 'asyncio.AbstractEventLoop'],
  ['argparse.ArgumentParser', 'argparse.ArgumentParser'],
  ['logging.getLogger', 'logging.Logger'],
  ['logging.Logger.getChild', 'logging.Logger'],
  ['argparse.ArgumentParser.parse_args', 'argparse.Namespace'],
  ['argparse.ArgumentParser.parse_known_args', 'argparse.Namespace'],
  // Dates and times: their methods (`.date()`, `.isoformat()`, `.timestamp()`) are C code that never waits.
  ['datetime.datetime', 'datetime.datetime'], ['datetime.datetime.now', 'datetime.datetime'], ['datetime.datetime.utcnow', 'datetime.datetime'],
  ['datetime.datetime.strptime', 'datetime.datetime'], ['datetime.datetime.fromtimestamp', 'datetime.datetime'],
  ['datetime.datetime.fromisoformat', 'datetime.datetime'], ['datetime.datetime.combine', 'datetime.datetime'],
  ['datetime.date', 'datetime.date'], ['datetime.date.today', 'datetime.date'], ['datetime.date.fromisoformat', 'datetime.date'],
  ['datetime.date.fromordinal', 'datetime.date'], ['datetime.time', 'datetime.time'], ['datetime.timedelta', 'datetime.timedelta'],
]);

/** Types whose contents child processes share with their parent and with each other (see `RETURN_TYPES`). */
export const PROCESS_SHARED_TYPES: ReadonlySet<string> = new Set([
  'multiprocessing.Value', 'multiprocessing.Array', 'multiprocessing.managers.DictProxy', 'multiprocessing.managers.ListProxy',
  'multiprocessing.managers.ValueProxy', 'multiprocessing.managers.ArrayProxy',
]);

/** Alternative names of the same class, so methods are found under one name. */
export const TYPE_ALIASES: ReadonlyMap<string, string> = new Map([
  ['queue.LifoQueue', 'queue.Queue'], ['queue.PriorityQueue', 'queue.Queue'], ['queue.SimpleQueue', 'queue.Queue'],
  ['multiprocessing.JoinableQueue', 'multiprocessing.Queue'], ['multiprocessing.SimpleQueue', 'multiprocessing.Queue'],
  ['concurrent.futures.thread.ThreadPoolExecutor', 'concurrent.futures.ThreadPoolExecutor'],
  ['http.client.HTTPSConnection', 'http.client.HTTPConnection'],
  ['_thread.allocate_lock', 'threading.Lock'], ['_thread.LockType', 'threading.Lock'], ['_thread.RLock', 'threading.RLock'],
]);
for (const name of ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha3_256', 'sha3_512', 'blake2b', 'blake2s']) {
  (RETURN_TYPES as Map<string, string>).set(`hashlib.${name}`, 'hashlib.hash');
}

/** Names each module exports that the model knows, for `from module import *`. */
export function knownExports(module: string): string[] {
  const prefix = `${module}.`;
  const names = new Set<string>();
  const all = [...FUNCTION_EFFECTS.keys(), ...KNOWN_CLASSES, ...RETURN_TYPES.keys()];
  for (const name of all) {
    if (name.startsWith(prefix) && !name.slice(prefix.length).includes('.')) names.add(name.slice(prefix.length));
  }
  return [...names];
}

/** Text constants of the `string` module, by qualified name: `"".join(rng.choices(string.ascii_lowercase, k=8))`. */
const ASCII_LOWERCASE = 'abcdefghijklmnopqrstuvwxyz';
const ASCII_UPPERCASE = ASCII_LOWERCASE.toUpperCase();
const DIGITS = '0123456789';
const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
const WHITESPACE = ' \t\n\r\v\f';
export const STRING_CONSTANTS: ReadonlyMap<string, string> = new Map([
  ['string.ascii_lowercase', ASCII_LOWERCASE],
  ['string.ascii_uppercase', ASCII_UPPERCASE],
  ['string.ascii_letters', ASCII_LOWERCASE + ASCII_UPPERCASE],
  ['string.digits', DIGITS],
  ['string.hexdigits', `${DIGITS}abcdefABCDEF`],
  ['string.octdigits', '01234567'],
  ['string.punctuation', PUNCTUATION],
  ['string.whitespace', WHITESPACE],
  ['string.printable', DIGITS + ASCII_LOWERCASE + ASCII_UPPERCASE + PUNCTUATION + WHITESPACE],
]);

/** Modules whose functions compute and return: calling them never waits. */
export const PURE_MODULES = new Set([
  'math', 'cmath', 'random', 'itertools', 'functools', 'operator', 'collections', 'string', 're', 'json', 'struct',
  'heapq', 'bisect', 'copy', 'statistics', 'decimal', 'fractions', 'array', 'dataclasses', 'typing', 'enum', 'abc',
  'textwrap', 'unicodedata', 'base64', 'binascii', 'datetime', 'numbers', 'contextlib', 'uuid', 'secrets', 'pprint',
  'html', 'csv', 'difflib', 'fnmatch', 'colorsys', 'keyword', 'calendar',
]);

/** The builtin exception classes: making one to raise runs a little C code. */
export const BUILTIN_EXCEPTIONS: readonly string[] = [
  'BaseException', 'Exception', 'ArithmeticError', 'AssertionError', 'AttributeError', 'BufferError', 'EOFError',
  'FloatingPointError', 'ImportError', 'IndexError', 'KeyError', 'LookupError', 'MemoryError', 'ModuleNotFoundError',
  'NameError', 'NotImplementedError', 'OSError', 'IOError', 'OverflowError', 'RecursionError', 'ReferenceError',
  'RuntimeError', 'StopIteration', 'StopAsyncIteration', 'SyntaxError', 'SystemError', 'TypeError', 'UnboundLocalError',
  'UnicodeError', 'UnicodeDecodeError', 'UnicodeEncodeError', 'ValueError', 'ZeroDivisionError', 'ConnectionError',
  'TimeoutError', 'FileNotFoundError', 'FileExistsError', 'PermissionError', 'Warning', 'UserWarning',
];

/** Builtins and `time` functions that never wait. */
export const PURE_FUNCTIONS = new Set([
  'len', 'range', 'print', 'str', 'int', 'float', 'bool', 'abs', 'round', 'min', 'max', 'sum', 'sorted', 'list', 'tuple',
  'set', 'dict', 'frozenset', 'enumerate', 'zip', 'map', 'filter', 'iter', 'next', 'reversed', 'isinstance', 'issubclass',
  'getattr', 'setattr', 'hasattr', 'id', 'hash', 'repr', 'format', 'divmod', 'pow', 'chr', 'ord', 'hex', 'bin', 'oct',
  'any', 'all', 'bytes', 'bytearray', 'type', 'super', 'object', 'callable', 'vars', 'ascii', 'slice', 'memoryview', 'complex',
  'time.time', 'time.perf_counter', 'time.monotonic', 'time.process_time', 'time.thread_time', 'time.time_ns',
  'time.perf_counter_ns', 'time.monotonic_ns', 'threading.current_thread', 'threading.get_ident', 'os.getpid', 'os.urandom',
  // A hash object's result, once fed: a few dozen bytes formatted.
  'hashlib.hash.hexdigest', 'hashlib.hash.digest',
  // Making an exception to raise.
  ...BUILTIN_EXCEPTIONS,
]);
