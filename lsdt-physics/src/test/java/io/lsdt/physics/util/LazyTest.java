package io.lsdt.physics.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyTest {
    @Test
    void buildsOnceAcrossThreads() throws InterruptedException {
        AtomicInteger builds = new AtomicInteger();
        Lazy<String> lazy = Lazy.of(() -> "v" + builds.incrementAndGet());
        Thread[] ts = new Thread[8];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = new Thread(() -> assertThat(lazy.get()).isEqualTo("v1"));
            ts[i].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        assertThat(lazy.get()).isEqualTo("v1");
        assertThat(builds).hasValue(1);
    }

    @Test
    void aFailedBuildIsTriedAgainWithTheSameError() {
        AtomicInteger calls = new AtomicInteger();
        Lazy<String> lazy = Lazy.of(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("catalog invalid");
            }
            return "ok";
        });
        assertThatThrownBy(lazy::get).hasMessage("catalog invalid");
        assertThatThrownBy(lazy::get).hasMessage("catalog invalid");
        assertThat(lazy.get()).isEqualTo("ok");
        assertThat(lazy.get()).isEqualTo("ok");
        assertThat(calls).hasValue(3);
    }
}
