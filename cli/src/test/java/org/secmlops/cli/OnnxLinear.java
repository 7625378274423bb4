package org.secmlops.cli;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A linear ONNX model (opset 13) written field by field: input {@code x} [N, 2], output {@code logits} [N, 2] =
 * x · [[1, -1], [-1, 1]]: class 0 when the first feature is larger.
 */
final class OnnxLinear {
    private static final int FLOAT = 1;

    private OnnxLinear() {
    }

    interface Body {
        void write(CodedOutputStream out) throws IOException;
    }

    static Path write(Path file) throws IOException {
        ByteString graph = message(g -> {
            g.writeBytes(1, message(n -> {
                n.writeString(1, "x");
                n.writeString(1, "w");
                n.writeString(2, "logits");
                n.writeString(3, "matmul");
                n.writeString(4, "MatMul");
            }));
            g.writeString(2, "linear");
            g.writeBytes(5, initializer("w", new float[] {1, -1, -1, 1}, 2, 2));
            g.writeBytes(11, valueInfo("x"));
            g.writeBytes(12, valueInfo("logits"));
        });
        byte[] model = bytes(m -> {
            m.writeInt64(1, 8);
            m.writeString(2, "secmlops-tests");
            m.writeBytes(7, graph);
            m.writeBytes(8, message(o -> {
                o.writeString(1, "");
                o.writeInt64(2, 13);
            }));
        });
        return Files.write(file, model);
    }

    private static ByteString initializer(String name, float[] values, long... dims) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        return message(t -> {
            for (long d : dims) {
                t.writeInt64(1, d);
            }
            t.writeInt32(2, FLOAT);
            t.writeString(8, name);
            t.writeBytes(9, ByteString.copyFrom(raw.array()));
        });
    }

    private static ByteString valueInfo(String name) {
        ByteString shape = message(s -> {
            s.writeBytes(1, message(d -> d.writeString(2, "N")));
            s.writeBytes(1, message(d -> d.writeInt64(1, 2)));
        });
        ByteString tensor = message(t -> {
            t.writeInt32(1, FLOAT);
            t.writeBytes(2, shape);
        });
        return message(v -> {
            v.writeString(1, name);
            v.writeBytes(2, message(type -> type.writeBytes(1, tensor)));
        });
    }

    private static ByteString message(Body body) {
        return ByteString.copyFrom(bytes(body));
    }

    private static byte[] bytes(Body body) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CodedOutputStream coded = CodedOutputStream.newInstance(out);
            body.write(coded);
            coded.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
