package org.secmlops.core.scan;

import org.secmlops.core.capability.scan.ScanFinding;

/** The stable rule identifiers of {@link ScanFinding#rule()}. */
final class Rules {
    static final String PICKLE_DANGEROUS_GLOBAL = "PICKLE_DANGEROUS_GLOBAL";
    static final String PICKLE_UNKNOWN_GLOBAL = "PICKLE_UNKNOWN_GLOBAL";
    static final String PICKLE_UNRESOLVED_GLOBAL = "PICKLE_UNRESOLVED_GLOBAL";
    static final String PICKLE_EXTENSION_REFERENCE = "PICKLE_EXTENSION_REFERENCE";
    static final String PICKLE_TRAILING_DATA = "PICKLE_TRAILING_DATA";
    static final String PICKLE_GLOBAL_MUTATION = "PICKLE_GLOBAL_MUTATION";
    static final String SAVEDMODEL_DANGEROUS_OP = "SAVEDMODEL_DANGEROUS_OP";
    static final String KERAS_LAMBDA_LAYER = "KERAS_LAMBDA_LAYER";
    static final String KERAS_DANGEROUS_LAYER = "KERAS_DANGEROUS_LAYER";
    static final String KERAS_CUSTOM_OBJECT = "KERAS_CUSTOM_OBJECT";
    static final String ONNX_EXTERNAL_DATA_OUTSIDE = "ONNX_EXTERNAL_DATA_OUTSIDE";
    static final String ONNX_EXTERNAL_DATA_MISSING = "ONNX_EXTERNAL_DATA_MISSING";
    static final String ONNX_CUSTOM_OP_DOMAIN = "ONNX_CUSTOM_OP_DOMAIN";
    static final String ZIP_SLIP = "ZIP_SLIP";
    static final String ZIP_BOMB = "ZIP_BOMB";
    static final String ZIP_NESTING_TOO_DEEP = "ZIP_NESTING_TOO_DEEP";
    static final String SAFETENSORS_INVALID = "SAFETENSORS_INVALID";
    static final String FORMAT_MISMATCH = "FORMAT_MISMATCH";
    static final String ZIP_PREFIXED_DATA = "ZIP_PREFIXED_DATA";
    static final String UNPARSEABLE_FILE = "UNPARSEABLE_FILE";
    static final String UNSUPPORTED_COMPRESSION = "UNSUPPORTED_COMPRESSION";
    static final String FILE_TOO_LARGE = "FILE_TOO_LARGE";
    static final String UNREADABLE_FILE = "UNREADABLE_FILE";
    static final String SYMLINK_OUTSIDE = "SYMLINK_OUTSIDE";
    static final String SYMLINK_BROKEN = "SYMLINK_BROKEN";
    static final String SPECIAL_FILE = "SPECIAL_FILE";
    static final String FINDINGS_TRUNCATED = "FINDINGS_TRUNCATED";

    private Rules() {
    }
}
