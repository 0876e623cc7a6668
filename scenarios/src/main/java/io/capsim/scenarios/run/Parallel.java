package io.capsim.scenarios.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Independent runs (replications, experiment runs, plan candidates) on a fixed pool, their results
 * in task order whatever the thread count: the one place capsim waits for parallel simulations.
 */
public final class Parallel {

    private Parallel() {}

    /**
     * A fixed pool of {@code n} daemon threads named {@code capsim-<name>-<k>} (shut it down after
     * use).
     */
    public static ExecutorService pool(int n, String name) {
        AtomicInteger threadNo = new AtomicInteger();
        return Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "capsim-" + name + "-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs the tasks on {@code threads} threads of a pool of its own (on the calling thread when 1)
     * and returns their results in task order.
     *
     * @throws RuntimeException the first failure in task order, as the task threw it
     */
    public static <T> List<T> map(List<Callable<T>> tasks, int threads, String name) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads " + threads + " < 1");
        }
        if (threads == 1 || tasks.size() <= 1) {
            List<T> out = new ArrayList<>(tasks.size());
            for (Callable<T> t : tasks) {
                try {
                    out.add(t.call());
                } catch (Exception e) {
                    throw unchecked(e);
                }
            }
            return out;
        }
        ExecutorService pool = pool(Math.min(threads, tasks.size()), name);
        try {
            return map(tasks, pool);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Runs the tasks on {@code pool} and returns their results in task order; on a failure the
     * tasks not yet done are cancelled.
     *
     * @throws RuntimeException the first failure in task order, as the task threw it
     */
    public static <T> List<T> map(List<Callable<T>> tasks, ExecutorService pool) {
        List<Future<T>> futures = new ArrayList<>(tasks.size());
        for (Callable<T> t : tasks) {
            futures.add(pool.submit(t));
        }
        List<T> out = new ArrayList<>(tasks.size());
        try {
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for parallel runs", e);
        } catch (ExecutionException e) {
            throw unchecked(e.getCause());
        } finally {
            for (Future<T> f : futures) {
                f.cancel(true);
            }
        }
    }

    private static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
