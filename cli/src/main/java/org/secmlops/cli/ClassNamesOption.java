package org.secmlops.cli;

import java.io.IOException;
import org.secmlops.core.report.ClassNames;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code --class-names}: a file with one name per line where one exists, else a comma-separated list. */
final class ClassNamesOption implements ITypeConverter<ClassNames> {
    @Override
    public ClassNames convert(String value) {
        try {
            return ClassNames.parse(value);
        } catch (IOException | RuntimeException e) {
            throw new TypeConversionException("cannot read the class names in " + value + ": " + e.getMessage());
        }
    }
}
