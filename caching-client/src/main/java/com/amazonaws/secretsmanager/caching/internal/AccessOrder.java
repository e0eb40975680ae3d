package com.amazonaws.secretsmanager.caching.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Least-recently-read ordering without a lock on the read path.
 *
 * <p>Each held node owns a slot of a table. Readers append the slot number of the node they read to a small ring
 * buffer picked by thread: one CAS and one int store, with no allocation and no reference store (so no GC write
 * barrier). A full buffer is replayed under one lock by the thread that filled it: each replayed read gives its slot
 * the next value of a logical clock. The stamps are one contiguous array, so a replay writes a few cache lines instead
 * of relinking list nodes last moved by another core, and it never writes a line that readers read.
 *
 * <p>The price is paid on insertion: every buffer is replayed and the victim is the node with the smallest stamp, found
 * by a scan of the stamp array (O(size): about a microsecond for the default 1024 entries). Insertions happen on a
 * cache miss, next to a network call, so this trades a cheap miss-path scan for cheaper hits.
 *
 * <p>Across threads the order is only approximately the real one (buffers are replayed one after the other). A read
 * is dropped only when two threads race for the same buffer entry or a full buffer cannot be drained because another
 * thread holds the lock; a single thread's reads are never dropped, so sequential access evicts exactly as strict LRU
 * would.
 *
 * @param <E> the element type
 */
public final class AccessOrder<E> {

    /** The handle of one element. */
    public static final class Node<E> {
        final E element;
        /**
         * The node's slot in the table while held, -1 otherwise; written under the lock. A reader on another thread
         * may see a stale value and credit its read to the slot's next holder, which only blurs concurrent order.
         */
        int slot = -1;

        public Node(E element) {
            this.element = element;
        }
    }

    /**
     * Reads per buffer. A replay's fixed cost (the lock, the stamp lines last written by another core) is shared by
     * this many reads; 32 stripes of 128 slots keep the buffers of one cache under 25 KB.
     */
    private static final int BUFFER_SIZE = 128;
    private static final int BUFFER_MASK = BUFFER_SIZE - 1;
    private static final int MIN_TABLE_LENGTH = 16;
    /** A buffer entry holds a slot number plus one, so that zero means "claimed but not written yet". */
    private static final int NOT_WRITTEN = 0;

    private final ReentrantLock lock = new ReentrantLock();
    /** Reads counted but not buffered: dropped under contention, or of a node not held. */
    private final LongAdder unbuffered = new LongAdder();
    private final ReadBuffer[] buffers;
    private final int bufferMask;
    private final int capacity;
    /** Written on every replay, read by no reader: in its own padded object. */
    private final Table<E> table;

    public AccessOrder(int capacity) {
        this.capacity = capacity;
        // Many stripes for few cores: threads are spread by ID hash, and two hot threads sharing a stripe would
        // fight over its tail counter.
        int count = Integer.highestOneBit(Math.max(1, Math.min(64, 16 * Runtime.getRuntime().availableProcessors())) * 2 - 1);
        this.buffers = new ReadBuffer[count];
        for (int i = 0; i < count; i++) {
            buffers[i] = new ReadBuffer();
        }
        this.bufferMask = count - 1;
        this.table = new Table<>(Math.min(capacity, MIN_TABLE_LENGTH));
    }

    /** Records a read of {@code node}. Lock-free unless this thread's buffer is full. */
    public void recordRead(Node<E> node) {
        int slot = node.slot;
        if (slot < 0) {
            unbuffered.increment();     // not inserted yet, or evicted: there is no position to update
            return;
        }
        ReadBuffer buffer = buffers[bufferIndex()];
        long tail = buffer.tail;
        long head = buffer.head;
        if (tail - head >= BUFFER_SIZE) {
            if (!lock.tryLock()) {
                unbuffered.increment();    // another thread is draining: losing this read only blurs a hot entry's position
                return;
            }
            try {
                drain(buffer);      // only this thread's buffer: the others stay on their own cores
            } finally {
                lock.unlock();
            }
            tail = buffer.tail;
            head = buffer.head;
            if (tail - head >= BUFFER_SIZE) {
                unbuffered.increment();
                return;
            }
        }
        if (ReadBuffer.TAIL.compareAndSet(buffer, tail, tail + 1)) {
            buffer.reads.lazySet((int) (tail & BUFFER_MASK), slot + 1);
        } else {
            unbuffered.increment();
        }
    }

    /**
     * How many times {@link #recordRead} was called, dropped reads included. The buffers' tail counters already
     * count every read, which lets a cache count hits without a second atomic operation on its read path.
     */
    public long readCount() {
        long reads = unbuffered.sum();
        for (ReadBuffer buffer : buffers) {
            reads += buffer.tail;
        }
        return reads;
    }

    /**
     * Adds a new node as most recently read and returns the nodes evicted to stay within capacity, least recently
     * read first. The caller removes them from its map.
     */
    public List<E> insert(Node<E> node) {
        lock.lock();
        try {
            drain();
            Table<E> t = table;
            List<E> evicted = Collections.emptyList();
            if (t.size < capacity) {
                t.add(node, capacity);
            } else {
                // Slots stay dense: the victim's slot goes straight to the new node.
                int victim = t.leastRecent();
                evicted = Collections.singletonList(t.nodes[victim].element);
                t.nodes[victim].slot = -1;
                t.put(node, victim);
            }
            return evicted;
        } finally {
            lock.unlock();
        }
    }

    /** Removes every node. */
    public void clear() {
        lock.lock();
        try {
            drain();
            table.clear();
        } finally {
            lock.unlock();
        }
    }

    /** Nodes from least to most recently read, after replaying pending reads. For tests and diagnostics. */
    public List<E> snapshot() {
        lock.lock();
        try {
            drain();
            Table<E> t = table;
            Integer[] slots = new Integer[t.size];
            for (int i = 0; i < slots.length; i++) {
                slots[i] = i;
            }
            Arrays.sort(slots, Comparator.comparingLong(i -> t.stamps[i]));
            List<E> order = new ArrayList<>(slots.length);
            for (Integer i : slots) {
                order.add(t.nodes[i].element);
            }
            return order;
        } finally {
            lock.unlock();
        }
    }

    private int bufferIndex() {
        long id = Thread.currentThread().getId();
        return (int) ((id * 0x9E3779B97F4A7C15L) >>> 40) & bufferMask;
    }

    private void drain() {
        for (ReadBuffer buffer : buffers) {
            drain(buffer);
        }
    }

    private void drain(ReadBuffer buffer) {
        Table<E> t = table;
        long head = buffer.head;
        long tail = buffer.tail;
        while (head < tail) {
            int index = (int) (head & BUFFER_MASK);
            int read = buffer.reads.get(index);
            if (read == NOT_WRITTEN) {
                break;  // a reader claimed the entry but has not written it yet; replay it next time
            }
            buffer.reads.lazySet(index, NOT_WRITTEN);
            t.stamps[read - 1] = ++t.clock;
            head++;
        }
        buffer.head = head;
    }

    // Padding keeps the head and tail counters of one buffer, and neighbouring buffers, on separate cache lines.
    @SuppressWarnings("unused")
    abstract static class LeftPad {
        long p00, p01, p02, p03, p04, p05, p06, p07;
    }

    abstract static class TailField extends LeftPad {
        volatile long tail;
    }

    @SuppressWarnings("unused")
    abstract static class MiddlePad extends TailField {
        long p10, p11, p12, p13, p14, p15, p16, p17;
    }

    abstract static class HeadField extends MiddlePad {
        volatile long head;
    }

    @SuppressWarnings("unused")
    abstract static class RightPad extends HeadField {
        long p20, p21, p22, p23, p24, p25, p26, p27;
    }

    static final class ReadBuffer extends RightPad {
        static final AtomicLongFieldUpdater<TailField> TAIL = AtomicLongFieldUpdater.newUpdater(TailField.class, "tail");
        final AtomicIntegerArray reads = new AtomicIntegerArray(BUFFER_SIZE);
    }

    @SuppressWarnings("unused")
    abstract static class TableLeftPad {
        long p00, p01, p02, p03, p04, p05, p06, p07;
    }

    /** The held nodes by slot, slots {@code [0, size)}, and their last-read stamps; all guarded by the lock. */
    abstract static class TableFields<E> extends TableLeftPad {
        Node<E>[] nodes;
        long[] stamps;
        int size;
        long clock;
    }

    @SuppressWarnings("unused")
    static final class Table<E> extends TableFields<E> {
        long p10, p11, p12, p13, p14, p15, p16, p17;

        @SuppressWarnings("unchecked")
        Table(int length) {
            nodes = (Node<E>[]) new Node<?>[length];
            stamps = new long[length];
        }

        /** Gives {@code node} the next free slot, growing the arrays (never beyond {@code capacity}) if needed. */
        void add(Node<E> node, int capacity) {
            if (size == nodes.length) {
                int length = (int) Math.min(capacity, 2L * nodes.length);
                nodes = Arrays.copyOf(nodes, length);
                stamps = Arrays.copyOf(stamps, length);
            }
            put(node, size++);
        }

        void put(Node<E> node, int slot) {
            nodes[slot] = node;
            stamps[slot] = ++clock;
            node.slot = slot;
        }

        /** The slot with the smallest stamp: the least recently read node. */
        int leastRecent() {
            long[] s = stamps;
            int least = 0;
            for (int i = 1; i < size; i++) {
                if (s[i] < s[least]) {
                    least = i;
                }
            }
            return least;
        }

        void clear() {
            for (int i = 0; i < size; i++) {
                nodes[i].slot = -1;
                nodes[i] = null;
            }
            size = 0;
        }
    }
}
