package org.secmlops.core.datacheck;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * Sample ids kept compactly: when every id is one common prefix followed by a plain decimal number ({@code line 12},
 * {@code #1234}), only the numbers are stored and each id is spelled when it is read; other ids are kept as given.
 * An unmodifiable list.
 */
final class SampleIds extends AbstractList<String> implements RandomAccess {
    private final String prefix;
    private final int[] numbers;

    private SampleIds(String prefix, int[] numbers) {
        this.prefix = prefix;
        this.numbers = numbers;
    }

    @Override
    public String get(int index) {
        return prefix + numbers[index];
    }

    @Override
    public int size() {
        return numbers.length;
    }

    /** Collects ids in order; compact while they allow it. */
    static final class Builder {
        private String prefix;
        private int[] numbers = new int[1024];
        private List<String> spelled;
        private int size;

        void add(String id) {
            if (spelled == null) {
                int number = number(id);
                String head = number < 0 ? null : id.substring(0, id.length() - digits(id));
                if (number >= 0 && (size == 0 || head.equals(prefix))) {
                    prefix = head;
                    if (size == numbers.length) {
                        numbers = Arrays.copyOf(numbers, size * 2);
                    }
                    numbers[size++] = number;
                    return;
                }
                spelled = new ArrayList<>(build());
            }
            spelled.add(id);
            size++;
        }

        List<String> build() {
            return spelled != null ? List.copyOf(spelled)
                    : new SampleIds(prefix == null ? "" : prefix, Arrays.copyOf(numbers, size));
        }

        /** The trailing number when it is spelled plainly (no sign, no leading zero, fits an int), else -1. */
        private static int number(String id) {
            int count = digits(id);
            if (count == 0 || count > 9 || count > 1 && id.charAt(id.length() - count) == '0') {
                return -1;
            }
            return Integer.parseInt(id, id.length() - count, id.length(), 10);
        }

        private static int digits(String id) {
            int count = 0;
            while (count < id.length() && id.charAt(id.length() - 1 - count) >= '0'
                    && id.charAt(id.length() - 1 - count) <= '9') {
                count++;
            }
            return count;
        }
    }
}
