package io.capsim.engine.random;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Named, independent random streams derived from one master seed.
 *
 * <p>Each component asks for its stream by a stable name (for example {@code arrivals/web} or
 * {@code service-time/web}). The stream's 128-bit seed is a function of the master seed and the
 * name alone, never of the order in which streams are created, so adding, removing or reordering
 * components leaves every other component's draws unchanged. Two policies run with the same
 * master seed therefore see identical arrivals (common random numbers).
 *
 * <p>The seed is derived by hashing the name's UTF-8 bytes into the master seed with the SplitMix64
 * finaliser (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014),
 * and the stream is a XoRoShiRo128++ generator (Blackman and Vigna, 2021) from Commons RNG. Distinct
 * names give unrelated 128-bit states; two names collide with probability about 2^-128.
 */
public final class RandomStreams {

    private final long masterSeed;

    /** Streams derived from {@code masterSeed}. */
    public RandomStreams(long masterSeed) {
        this.masterSeed = masterSeed;
    }

    /** The master seed. */
    public long masterSeed() {
        return masterSeed;
    }

    /**
     * A new generator for the named stream. Calling twice with one name gives two generators that
     * produce the same sequence.
     *
     * @param name stable, non-empty component name
     */
    public UniformRandomProvider stream(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("stream name must not be empty");
        }
        long h = mix(masterSeed ^ 0x6a09e667f3bcc909L);
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ (b & 0xffL));
        }
        long s0 = mix(h + 0x9e3779b97f4a7c15L);
        long s1 = mix(h + 2 * 0x9e3779b97f4a7c15L);
        if ((s0 | s1) == 0) {
            s1 = 1; // XoRoShiRo's all-zero state is invalid
        }
        return RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {s0, s1});
    }

    /** The SplitMix64 finaliser: a bijective 64-bit mix. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
