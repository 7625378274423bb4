package org.secmlops.core.datacheck;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import org.secmlops.core.data.DatasetException;
import org.secmlops.core.data.LineReader;
import org.secmlops.core.io.SafeOutput;
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
        SafeOutput.Plan plan = new SafeOutput.Plan();
        for (Path input : inputs) {
            plan.input("input", input);
        }
        try {
            plan.output("cleaned copy", target, kind(source, data.width())).check();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Refusing to write the cleaned copy over the input: "
                    + e.getMessage(), e);
        }
        int[] kept = new int[1];
        SafeOutput.write(target, kind(source, data.width()), out -> kept[0] = text(source)
                ? copyLines(source, out, data, suspicious) : writeCsv(out, data, suspicious));
        return kept[0];
    }

    private static boolean text(Path source) {
        String name = source.getFileName().toString().toLowerCase(Locale.ROOT);
        return !Files.isDirectory(source) && (name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt"));
    }

    /**
     * How an earlier cleaned copy of this data is recognised: a copy of a CSV/TSV file starts with the file's first
     * line (its header), or, for data without a header, with a line of numbers of the same width; any other copy
     * starts with the header {@code f0,...,fN,label} of {@link #writeCsv}.
     *
     * @param width the number of features, or {@code -1} before the data is read (then any such header)
     */
    public static SafeOutput.Kind kind(Path source, int width) throws IOException {
        if (!text(source)) {
            if (width < 0) {
                return new SafeOutput.Kind("cleaned copy", (content, size) -> {
                    String line = SafeOutput.firstLine(content);
                    return line.startsWith("f0,") && line.endsWith(",label");
                });
            }
            return SafeOutput.Kind.startingWith("cleaned copy", csvHeader(width) + "\n");
        }
        String first;
        try (LineReader in = LineReader.openKeepingBom(source)) {
            first = in.readLine();
        } catch (DatasetException e) {
            throw new IOException(e.getMessage(), e);
        }
        String expected = first == null ? "" : first;
        char delimiter = source.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tsv") ? '\t' : ',';
        return new SafeOutput.Kind("cleaned copy of " + source.getFileName(), (content, size) -> {
            String line = SafeOutput.firstLine(content);
            if (line.equals(expected)) {
                return true;
            }
            String[] fields = line.split(java.util.regex.Pattern.quote(String.valueOf(delimiter)), -1);
            if (fields.length != expected.split(java.util.regex.Pattern.quote(String.valueOf(delimiter)), -1).length) {
                return false;
            }
            for (String field : fields) {
                try {
                    Double.parseDouble(field.trim().replace("\"", ""));
                } catch (NumberFormatException e) {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * {@link #kind} for a check before the run, when the data has not been read yet: the source is read only when
     * something is at the target path (by then the inputs have been checked).
     */
    public static SafeOutput.Kind kindBeforeReading(Path source) {
        return new SafeOutput.Kind("cleaned copy", (content, size) -> {
            try {
                return kind(source, -1).recogniser().recognises(content, size);
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static String csvHeader(int width) {
        StringBuilder header = new StringBuilder();
        for (int j = 0; j < width; j++) {
            header.append('f').append(j).append(',');
        }
        return header.append("label").toString();
    }

    private static int copyLines(Path source, OutputStream target, DataTable data, boolean[] suspicious)
            throws IOException {
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
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(target, StandardCharsets.UTF_8));
        try (LineReader in = LineReader.openKeepingBom(source)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!drop.contains(in.lineNumber())) {
                    out.write(line);
                    out.write('\n');
                }
            }
        } catch (DatasetException e) {
            throw new IOException(e.getMessage(), e);
        }
        out.flush();
        return data.size() - drop.size();
    }

    private static int writeCsv(OutputStream target, DataTable data, boolean[] suspicious) throws IOException {
        int kept = 0;
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(target, StandardCharsets.UTF_8));
        out.write(csvHeader(data.width()) + "\n");
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
        out.flush();
        return kept;
    }
}
