package org.secmlops.core.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.secmlops.core.run.Cancellation;

/**
 * A CSV or TSV file: one sample per line, numeric features, one label column (by header name or 0-based index;
 * {@code -1} is the last column). Blank lines are skipped; values may be double-quoted. The file is UTF-8 (a byte
 * order mark is dropped); lines are at most {@link Datasets#MAX_LINE_BYTES} bytes and {@link Datasets#MAX_COLUMNS}
 * columns.
 */
final class CsvSource implements SampleSource {
    private final Path file;
    private final LineReader reader;
    private final String separator;
    private final char delimiter;
    private final int labelColumn;
    private final int columns;
    private final String labelName;
    private List<String> featureNames = List.of();
    private String pending;
    private int pendingLine;

    private CsvSource(Path file, LineReader reader, char delimiter, int labelColumn, int columns, String labelName) {
        this.file = file;
        this.reader = reader;
        this.separator = Pattern.quote(String.valueOf(delimiter));
        this.delimiter = delimiter;
        this.labelColumn = labelColumn;
        this.columns = columns;
        this.labelName = labelName;
    }

    /**
     * @param label  the label column: a header name, or a 0-based index ({@code -1}: the last column)
     * @param header whether the first line names the columns
     */
    static CsvSource open(Path file, char delimiter, String label, boolean header) throws DatasetException {
        LineReader reader = null;
        try {
            reader = LineReader.open(file);
            String first;
            do {
                first = reader.readLine();
            } while (first != null && first.isBlank());
            if (first == null) {
                throw new DatasetException(file + " is empty");
            }
            int number = reader.lineNumber();
            requireColumns(file, number, first, delimiter);
            String[] cells = split(first, Pattern.quote(String.valueOf(delimiter)));
            if (header && allNumbers(cells) && !columnNumbers(cells)) {
                throw new DatasetException(file + " line " + number + " holds only numbers (" + abbreviate(first)
                        + "): it looks like a sample, not a header line. If the file has no header, give --no-header;"
                        + " read as a header, its first sample would be lost");
            }
            int column = labelIndex(file, label, header ? cells : null, cells.length);
            CsvSource source = new CsvSource(file, reader, delimiter, column, cells.length,
                    header ? cells[column] : "column " + column);
            if (header) {
                List<String> names = new ArrayList<>(Arrays.asList(cells));
                names.remove(column);
                source.featureNames = names.stream().map(String::strip).toList();
            }
            if (!header) {
                source.pending = first;
                source.pendingLine = number;
            }
            if (cells.length < 2) {
                throw new DatasetException(file + " has " + cells.length + " column; it needs features and a label");
            }
            return source;
        } catch (IOException e) {
            close(reader);
            throw new DatasetException("Cannot read " + file + ": " + org.secmlops.core.io.InputFiles.message(e), e);
        } catch (DatasetException | RuntimeException e) {
            close(reader);
            throw e;
        }
    }

    @Override
    public List<String> featureNames() {
        return featureNames;
    }

    /** Refuses a line of more than {@link Datasets#MAX_COLUMNS} columns before it is split. */
    private static void requireColumns(Path file, int number, String line, char delimiter) throws DatasetException {
        int columns = 1;
        for (int i = line.indexOf(delimiter); i >= 0; i = line.indexOf(delimiter, i + 1)) {
            if (++columns > Datasets.MAX_COLUMNS) {
                throw new DatasetException(file + " line " + number + " has more than the limit of "
                        + Datasets.MAX_COLUMNS + " columns");
            }
        }
    }

    private static void close(LineReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException ignored) {
                // nothing to add to the first error
            }
        }
    }

    private static int labelIndex(Path file, String label, String[] header, int columns) throws DatasetException {
        if (label == null || label.isBlank()) {
            throw new DatasetException("CSV data " + file + " needs a label column (a header name or a 0-based index)");
        }
        if (header != null) {
            int found = Arrays.asList(header).indexOf(label);
            if (found >= 0) {
                return found;
            }
        }
        try {
            int index = Integer.parseInt(label.trim());
            int resolved = index < 0 ? columns + index : index;
            if (resolved < 0 || resolved >= columns) {
                throw new DatasetException(file + " has " + columns + " columns; label column " + label + " is outside");
            }
            return resolved;
        } catch (NumberFormatException e) {
            throw new DatasetException(file + " has no column '" + label + "'"
                    + (header == null ? " (no header line)" : "; columns: " + String.join(", ", header)), e);
        }
    }

    private static boolean allNumbers(String[] cells) {
        for (String cell : cells) {
            String value = cell.strip();
            if (value.isEmpty()) {
                return false;
            }
            try {
                Double.parseDouble(value);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    /** A header of column numbers, as pandas writes for unnamed columns: {@code 0,1,2,...} (or from 1). */
    private static boolean columnNumbers(String[] cells) {
        for (int offset = 0; offset <= 1; offset++) {
            boolean sequence = true;
            for (int i = 0; i < cells.length && sequence; i++) {
                sequence = cells[i].strip().equals(Integer.toString(i + offset));
            }
            if (sequence) {
                return true;
            }
        }
        return false;
    }

    private static String abbreviate(String line) {
        return line.length() <= 60 ? line : line.substring(0, 60) + "...";
    }

    private static String[] split(String line, String separator) {
        String[] cells = line.split(separator, -1);
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i].trim();
            if (cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"")) {
                cell = cell.substring(1, cell.length() - 1).trim();
            }
            cells[i] = cell;
        }
        return cells;
    }

    @Override
    public String description() {
        return "CSV " + file + " (label " + labelName + ")";
    }

    @Override
    public int[] sampleShape() {
        return new int[] {columns - 1};
    }

    @Override
    public boolean eightBit() {
        return false;
    }

    @Override
    public Batch next(int max) throws DatasetException {
        List<String> ids = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try {
            while (rows.size() < max) {
                String line;
                int number;
                if (pending != null) {
                    line = pending;
                    number = pendingLine;
                    pending = null;
                } else {
                    line = reader.readLine();
                    number = reader.lineNumber();
                }
                if (line == null) {
                    break;
                }
                if (line.isBlank()) {
                    continue;
                }
                if ((rows.size() & 0xff) == 0) {
                    Cancellation.check();
                }
                requireColumns(file, number, line, delimiter);
                String[] cells = split(line, separator);
                if (cells.length != columns) {
                    throw new DatasetException(file + " line " + number + ": " + cells.length + " columns, expected "
                            + columns);
                }
                float[] row = new float[columns - 1];
                int label = -1;
                for (int c = 0, f = 0; c < columns; c++) {
                    String where = file + " line " + number + ", column " + (c + 1);
                    double value;
                    try {
                        value = Double.parseDouble(cells[c]);
                    } catch (NumberFormatException e) {
                        throw new DatasetException(where + ": '" + cells[c] + "' is not a number", e);
                    }
                    if (c == labelColumn) {
                        label = Values.label(value, where);
                    } else {
                        row[f] = (float) value;
                        Values.requireFinite(row[f], where);
                        f++;
                    }
                }
                ids.add("line " + number);
                rows.add(row);
                labels.add(label);
            }
        } catch (IOException e) {
            throw new DatasetException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            return null;
        }
        return new Batch(ids, rows.toArray(float[][]::new), labels.stream().mapToInt(Integer::intValue).toArray());
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
