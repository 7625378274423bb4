package org.secmlops.core.result;

/**
 * One of {@code count} parts of an evaluation that runs on several machines and is merged afterwards. Shards are
 * numbered from 1: shard {@code 2/4} is the second of four. The data is cut into batches in its order; batch
 * {@code b} (counted from 0) belongs to shard {@code b % count + 1}, so every shard takes every {@code count}-th
 * batch and the assignment needs no sample count in advance.
 *
 * @param index which shard, 1..count
 * @param count how many shards, 1..{@value #MAX_COUNT}
 */
public record Shard(int index, int count) {
    /** The most shards one evaluation may be split into. */
    public static final int MAX_COUNT = 1000;
    /** All of the data: the one shard of one. */
    public static final Shard WHOLE = new Shard(1, 1);

    public Shard {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("the shard count must be 1.." + MAX_COUNT + ", was " + count);
        }
        if (index < 1 || index > count) {
            throw new IllegalArgumentException("the shard index must be 1.." + count + " (shards are numbered from 1),"
                    + " was " + index);
        }
    }

    /**
     * Reads {@code INDEX/COUNT}, e.g. {@code 2/4}.
     *
     * @throws IllegalArgumentException when the text is not of that form or the numbers are out of range
     */
    public static Shard parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("/", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("a shard is INDEX/COUNT with INDEX counted from 1, e.g. 2/4; was '"
                    + text + "'");
        }
        try {
            return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a shard is INDEX/COUNT with whole numbers, e.g. 2/4; was '" + text
                    + "'", e);
        }
    }

    /** Whether the batch with this index (counted from 0 over the whole data) belongs to this shard. */
    public boolean owns(long batch) {
        return batch % count == index - 1;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
