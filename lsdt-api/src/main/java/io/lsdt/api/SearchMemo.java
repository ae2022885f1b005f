package io.lsdt.api;

import io.lsdt.physics.search.SearchResult;
import io.lsdt.physics.search.SearchSpace;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Design searches already made, keyed by their search space (model shape, hardware, device count, batch, numerics,
 * state bytes, framework) and the number of designs kept: a sweep's points that differ only in what the search does
 * not read — tokens, deadline, region, prices — share one search. Bounded: the least recently used search is
 * dropped past {@code capacity}. Thread-safe: a thread asking for a search another thread is making waits for it,
 * so each search runs once while it is remembered, whatever the threads.
 */
public final class SearchMemo {
    private record Key(SearchSpace space, int top) {}

    private final Map<Key, CompletableFuture<SearchResult>> results;
    private long hits;
    private long misses;

    /**
     * A memo keeping the last {@code capacity} searches.
     *
     * @param capacity searches kept (≥ 1)
     * @throws IllegalArgumentException for a capacity below 1
     */
    public SearchMemo(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity + " < 1");
        }
        this.results = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, CompletableFuture<SearchResult>> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The search of a space, from the memo when it holds it (or when another thread is making it), else run here
     * and remembered. A search that fails is forgotten, so that the next caller runs it again.
     *
     * @param space the search space
     * @param top how many designs the search keeps
     * @param search runs the search
     * @return the search's result
     * @throws RuntimeException the search's own exception, in every thread that waited for it
     */
    SearchResult get(SearchSpace space, int top, Supplier<SearchResult> search) {
        Key k = new Key(space, top);
        CompletableFuture<SearchResult> f;
        boolean mine = false;
        synchronized (this) {
            f = results.get(k);
            if (f != null) {
                hits++;
            } else {
                misses++;
                f = new CompletableFuture<>();
                results.put(k, f);
                mine = true;
            }
        }
        if (mine) {
            try {
                f.complete(search.get());
            } catch (RuntimeException | Error e) {
                f.completeExceptionally(e);
                synchronized (this) {
                    results.remove(k);
                }
                throw e;
            }
        }
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /**
     * How many searches the memo saved.
     *
     * @return searches answered from the memo (or from another thread's search in flight)
     */
    public synchronized long hits() {
        return hits;
    }

    /**
     * How many searches the memo ran.
     *
     * @return searches run
     */
    public synchronized long misses() {
        return misses;
    }
}
