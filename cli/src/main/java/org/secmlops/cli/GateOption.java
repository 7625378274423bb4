package org.secmlops.cli;

import java.util.Locale;
import org.secmlops.core.gate.Baseline;
import org.secmlops.core.gate.Criticality;
import org.secmlops.core.gate.QualityGate;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code METRIC:THRESHOLD[:UNSTABLE|FAILURE[:ABSOLUTE|DELTA]]}, e.g. {@code CRITICAL_FINDINGS:0:FAILURE}. */
final class GateOption implements ITypeConverter<QualityGate> {
    static final String SYNTAX = "METRIC:THRESHOLD[:UNSTABLE|FAILURE[:ABSOLUTE|DELTA]]";

    @Override
    public QualityGate convert(String value) {
        String[] parts = value.split(":", -1);
        if (parts.length < 2 || parts.length > 4) {
            throw new TypeConversionException("gate '" + value + "' is not " + SYNTAX);
        }
        String metric = parts[0].trim().toUpperCase(Locale.ROOT);
        double threshold;
        try {
            threshold = Double.parseDouble(parts[1].trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("threshold '" + parts[1] + "' of gate '" + value + "' is not a number");
        }
        Criticality criticality = parts.length > 2 ? parseEnum(Criticality.class, parts[2], value) : Criticality.UNSTABLE;
        Baseline baseline = parts.length > 3 ? parseEnum(Baseline.class, parts[3], value) : Baseline.ABSOLUTE;
        try {
            return new QualityGate(metric, threshold, criticality, baseline);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String text, String gate) {
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + text + "' in gate '" + gate + "' is not one of "
                    + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
