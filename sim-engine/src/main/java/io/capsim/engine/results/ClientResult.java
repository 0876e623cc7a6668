package io.capsim.engine.results;

/**
 * What a service's clients did in the measured window ({@code services.<name>.client}), over the
 * requests that arrived in it.
 *
 * @param timeouts attempts whose client stopped waiting
 * @param retries attempts sent again (after a timeout or a rejection)
 * @param abandoned requests given up after their last attempt timed out
 * @param wasted attempts the servers worked on for a client that had left: served to their end
 *     ({@code onTimeout: continue}, or already in service on a slot engine), or dropped part way
 *     ({@code onTimeout: cancel} in service)
 * @param cancelled attempts the servers dropped when their client left, waiting or in service
 */
public record ClientResult(long timeouts, long retries, long abandoned, long wasted, long cancelled) {

    public ClientResult {
        if (timeouts < 0 || retries < 0 || abandoned < 0 || wasted < 0 || cancelled < 0) {
            throw new IllegalArgumentException("negative client count");
        }
    }
}
