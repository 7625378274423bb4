package org.secmlops.core.model;

import java.util.List;

/**
 * The pinned native artifacts of each engine (Linux x86-64). DJL would download these itself; SecMLOps takes
 * them from Maven Central instead, checks their SHA-256 and hands DJL the unpacked folder, so DJL runs offline.
 */
final class NativeLibraries {
    /** TensorFlow 2.16.1, CUDA 12.1 build; runs on the CPU when no GPU is present. */
    static final NativeArtifact TENSORFLOW = new NativeArtifact("ai.djl.tensorflow", "tensorflow-native-cu121",
            "2.16.1", "linux-x86_64", "115134a82c12b22a83da35ef4364699e9d5eba1e34ce83a566fc8eab185370ec");
    /** LibTorch 2.7.1, CPU build. */
    static final NativeArtifact PYTORCH = new NativeArtifact("ai.djl.pytorch", "pytorch-native-cpu",
            "2.7.1", "linux-x86_64", "1769928feaaa2389b4aa68390e7787ce1707290258b167d016a200fced4b8c39");
    /** DJL's JNI bridge to LibTorch 2.7.1 for DJL 0.36.0. */
    static final NativeArtifact PYTORCH_JNI = new NativeArtifact("ai.djl.pytorch", "pytorch-jni",
            "2.7.1-0.36.0", "", "c1808aaf5109505923bd2a813d7ad1020a0c028f023f08ff5572c1cf42322dc3");
    /** DJL's ONNX Runtime engine (Java), loaded beside ONNX Runtime in its own class loader. */
    static final NativeArtifact ONNX_ENGINE = new NativeArtifact("ai.djl.onnxruntime", "onnxruntime-engine",
            "0.36.0", "", "7bc0d779eec6de66f060f08c7f03e6f75e3c2dca233c07fa7e2f83bdb3b62c62");
    /** ONNX Runtime 1.21.1 (Java API with its native libraries inside). */
    static final NativeArtifact ONNX_RUNTIME = new NativeArtifact("com.microsoft.onnxruntime", "onnxruntime",
            "1.21.1", "", "d0404a7c1fcfa2b9adb83d1aa5a729d284fc526fc7a2c8d09c3ca668a8b5ac82");

    private NativeLibraries() {
    }

    /** The artifacts an engine needs. */
    static List<NativeArtifact> of(EngineKind engine) {
        return switch (engine) {
            case TENSORFLOW -> List.of(TENSORFLOW);
            case PYTORCH -> List.of(PYTORCH, PYTORCH_JNI);
            case ONNX -> List.of(ONNX_ENGINE, ONNX_RUNTIME);
        };
    }
}
