package com.amazonaws.secretsmanager.caching.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Least-recently-read ordering without a lock on the read path, after Caffeine's design.
 *
 * <p>Readers append the node they read to a small ring buffer picked by thread (one CAS, no allocation). A full buffer
 * is replayed into a doubly linked list in access order under one lock by the thread that filled it; every buffer is
 * replayed before each insertion, so the victim is chosen on up-to-date order. Across threads the order is only
 * approximately the real one (buffers are replayed one after the other). A read is dropped only when two threads race for the same
 * buffer slot or a full buffer cannot be drained because another thread holds the lock; a single thread's reads
 * are never dropped, so sequential access evicts exactly as strict LRU would.
 *
 * @param <E> the element type
 */
public final class AccessOrder<E> {

    /**
     * The list cell of one element. It is a separate object from the element so that replaying reads, which rewrites
     * the links, does not invalidate the cache lines readers of the element need. The links are guarded by the lock.
     */
    public static final class Node<E> {
        final E element;
        Node<E> previous;
        Node<E> next;
        boolean linked;

        public Node(E element) {
            this.element = element;
        }
    }

    /** Large enough that a drain replays many reads of the same hot nodes while their cache lines are local. */
    private static final int BUFFER_SIZE = 128;
    private static final int BUFFER_MASK = BUFFER_SIZE - 1;

    private final ReentrantLock lock = new ReentrantLock();
    private final LongAdder dropped = new LongAdder();
    private final ReadBuffer[] buffers;
    private final int bufferMask;
    private final int capacity;
    /** The list ends, in their own padded object: rewritten on every replayed read, read by no reader. */
    private final Links<E> links = new Links<>();

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
    }

    /** Records a read of {@code node}. Lock-free unless this thread's buffer is full. */
    public void recordRead(Node<E> node) {
        ReadBuffer buffer = buffers[bufferIndex()];
        long tail = buffer.tail;
        long head = buffer.head;
        if (tail - head >= BUFFER_SIZE) {
            if (!lock.tryLock()) {
                dropped.increment();    // another thread is draining: losing this read only blurs a hot entry's position
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
                dropped.increment();
                return;
            }
        }
        if (ReadBuffer.TAIL.compareAndSet(buffer, tail, tail + 1)) {
            buffer.slots.lazySet((int) (tail & BUFFER_MASK), node);
        } else {
            dropped.increment();
        }
    }

    /**
     * How many times {@link #recordRead} was called, dropped reads included. The buffers' tail counters already
     * count every read, which lets a cache count hits without a second atomic operation on its read path.
     */
    public long readCount() {
        long reads = dropped.sum();
        for (ReadBuffer buffer : buffers) {
            reads += buffer.tail;
        }
        return reads;
    }

    /**
     * Appends a new node as most recently read and returns the nodes evicted to stay within capacity, least recently
     * read first. The caller removes them from its map.
     */
    public List<E> insert(Node<E> node) {
        lock.lock();
        try {
            drain();
            link(node);
            List<E> evicted = null;
            while (links.size > capacity) {
                Node<E> victim = links.head;
                unlink(victim);
                if (evicted == null) {
                    evicted = new ArrayList<>(1);
                }
                evicted.add(victim.element);
            }
            return evicted == null ? Collections.<E>emptyList() : evicted;
        } finally {
            lock.unlock();
        }
    }

    /** Removes every node. */
    public void clear() {
        lock.lock();
        try {
            drain();
            while (links.head != null) {
                unlink(links.head);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Nodes from least to most recently read, after replaying pending reads. For tests and diagnostics. */
    public List<E> snapshot() {
        lock.lock();
        try {
            drain();
            List<E> order = new ArrayList<>(links.size);
            for (Node<E> node = links.head; node != null; node = node.next) {
                order.add(node.element);
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
        long head = buffer.head;
        long tail = buffer.tail;
        while (head < tail) {
            int index = (int) (head & BUFFER_MASK);
            @SuppressWarnings("unchecked")
            Node<E> node = (Node<E>) buffer.slots.get(index);
            if (node == null) {
                break;  // a reader claimed the slot but has not written it yet; replay it next time
            }
            buffer.slots.lazySet(index, null);
            if (node.linked) {
                moveToTail(node);
            }
            head++;
        }
        buffer.head = head;
    }

    private void link(Node<E> node) {
        Links<E> list = links;
        node.previous = list.tail;
        node.next = null;
        if (list.tail == null) {
            list.head = node;
        } else {
            list.tail.next = node;
        }
        list.tail = node;
        node.linked = true;
        list.size++;
    }

    private void unlink(Node<E> node) {
        Links<E> list = links;
        if (node.previous == null) {
            list.head = node.next;
        } else {
            node.previous.next = node.next;
        }
        if (node.next == null) {
            list.tail = node.previous;
        } else {
            node.next.previous = node.previous;
        }
        node.previous = null;
        node.next = null;
        node.linked = false;
        list.size--;
    }

    private void moveToTail(Node<E> node) {
        if (node != links.tail) {
            unlink(node);
            link(node);
        }
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
        final AtomicReferenceArray<Node<?>> slots = new AtomicReferenceArray<>(BUFFER_SIZE);
    }

    @SuppressWarnings("unused")
    abstract static class LinksLeftPad {
        long p00, p01, p02, p03, p04, p05, p06, p07;
    }

    abstract static class LinksFields<E> extends LinksLeftPad {
        Node<E> head;      // least recently read
        Node<E> tail;      // most recently read
        int size;
    }

    @SuppressWarnings("unused")
    static final class Links<E> extends LinksFields<E> {
        long p10, p11, p12, p13, p14, p15, p16, p17;
    }
}
