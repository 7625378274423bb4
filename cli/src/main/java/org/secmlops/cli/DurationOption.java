package org.secmlops.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses a positive duration: {@code 90s}, {@code 15m}, {@code 2h}, {@code 500ms} or ISO-8601 ({@code PT15M}). */
final class DurationOption implements ITypeConverter<Duration> {
    static final String SYNTAX = "N(ms|s|m|h)|PT...";

    @Override
    public Duration convert(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        Duration duration;
        try {
            if (text.startsWith("pt")) {
                duration = Duration.parse(text.toUpperCase(Locale.ROOT));
            } else if (text.endsWith("ms")) {
                duration = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            } else if (text.endsWith("s")) {
                duration = Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
            } else if (text.endsWith("m")) {
                duration = Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
            } else if (text.endsWith("h")) {
                duration = Duration.ofHours(Long.parseLong(text.substring(0, text.length() - 1)));
            } else {
                throw new TypeConversionException("duration '" + value + "' is not " + SYNTAX + ", e.g. 15m");
            }
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw new TypeConversionException("duration '" + value + "' is not " + SYNTAX + ", e.g. 15m");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new TypeConversionException("duration '" + value + "' must be positive");
        }
        return duration;
    }
}
