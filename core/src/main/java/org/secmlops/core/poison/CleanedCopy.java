package org.secmlops.core.poison;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes a copy of the data without the suspicious samples; the input is never changed. For CSV/TSV input the copy
 * keeps every other line byte for byte (header, blank lines, formatting); for any other input it is a CSV file with
 * a header {@code f0,...,fN,label} and the raw values. Refuses to write over any input file.
 */
public final class CleanedCopy {
    private CleanedCopy() {
    }

    /**
     * @param source    the data file as read
     * @param inputs    every input path (data, labels, reference, manifests): none may be the target
     * @param target    the file to write
     * @param data      the data as read
     * @param suspicious which samples to leave out
     * @return the number of samples written
     * @throws IllegalArgumentException when the target is one of the inputs
     */
    public static int write(Path source, List<Path> inputs, Path target, DataTable data, boolean[] suspicious)
            throws IOException {
        for (Path input : inputs) {
            if (input != null && sameFile(input, target)) {
                throw new IllegalArgumentException("Refusing to write the cleaned copy over the input " + input);
            }
        }
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, ".cleaned", ".tmp");
        int kept = 0;
        try {
            String name = source.getFileName().toString().toLowerCase(Locale.ROOT);
            boolean text = !Files.isDirectory(source)
                    && (name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt"));
            if (text) {
                kept = copyLines(source, temporary, data, suspicious);
            } else {
                kept = writeCsv(temporary, data, suspicious);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return kept;
    }

    private static boolean sameFile(Path a, Path b) throws IOException {
        if (Files.exists(a) && Files.exists(b)) {
            return Files.isSameFile(a, b);
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    private static int copyLines(Path source, Path target, DataTable data, boolean[] suspicious) throws IOException {
        Set<Integer> drop = new HashSet<>();
        for (int i = 0; i < suspicious.length; i++) {
            if (suspicious[i]) {
                String id = data.ids().get(i);
                if (!id.startsWith("line ")) {
                    throw new IllegalStateException("CSV sample id is not a line: " + id);
                }
                drop.add(Integer.parseInt(id.substring(5)));
            }
        }
        try (BufferedReader in = Files.newBufferedReader(source, StandardCharsets.UTF_8);
                BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (!drop.contains(number)) {
                    out.write(line);
                    out.write('\n');
                }
            }
        }
        return data.size() - drop.size();
    }

    private static int writeCsv(Path target, DataTable data, boolean[] suspicious) throws IOException {
        int kept = 0;
        try (BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder();
            for (int j = 0; j < data.width(); j++) {
                header.append('f').append(j).append(',');
            }
            out.write(header.append("label\n").toString());
            for (int i = 0; i < data.size(); i++) {
                if (suspicious[i]) {
                    continue;
                }
                StringBuilder row = new StringBuilder();
                for (float v : data.features().row(i)) {
                    row.append(v == Math.rint(v) && Math.abs(v) < 1e7 ? String.valueOf((long) v) : Float.toString(v))
                            .append(',');
                }
                out.write(row.append(data.labels()[i]).append('\n').toString());
                kept++;
            }
        }
        return kept;
    }
}
