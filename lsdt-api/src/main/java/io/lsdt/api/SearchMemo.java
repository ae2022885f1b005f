package io.lsdt.api;

import io.lsdt.physics.search.SearchResult;
import io.lsdt.physics.search.SearchSpace;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Design searches already made, keyed by their search space (model shape, hardware, device count, batch, numerics,
 * state bytes, framework) and the number of designs kept: a sweep's points that differ only in what the search does
 * not read — tokens, deadline, region, prices — share one search. Bounded: the least recently used search is
 * dropped past {@code capacity}. Thread-safe; two threads asking for the same missing key may both search (the
 * search is deterministic, so either answer is the same).
 */
public final class SearchMemo {
    private record Key(SearchSpace space, int top) {}

    private final Map<Key, SearchResult> results;
    private long hits;
    private long misses;

    /** @param capacity searches kept (≥ 1) */
    public SearchMemo(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity + " < 1");
        }
        this.results = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, SearchResult> eldest) {
                return size() > capacity;
            }
        };
    }

    SearchResult get(SearchSpace space, int top, Supplier<SearchResult> search) {
        Key k = new Key(space, top);
        synchronized (this) {
            SearchResult r = results.get(k);
            if (r != null) {
                hits++;
                return r;
            }
            misses++;
        }
        SearchResult r = search.get();
        synchronized (this) {
            results.put(k, r);
        }
        return r;
    }

    /** @return searches answered from the memo */
    public synchronized long hits() {
        return hits;
    }

    /** @return searches run */
    public synchronized long misses() {
        return misses;
    }
}
