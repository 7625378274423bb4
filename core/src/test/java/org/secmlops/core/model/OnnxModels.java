package org.secmlops.core.model;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes ONNX models field by field (ModelProto, opset 13) with protobuf's CodedOutputStream. */
final class OnnxModels {
    private static final int FLOAT = 1;

    private OnnxModels() {
    }

    /** The MLP: input {@code x} [N, 64], output {@code logits} [N, 10]. */
    static Path writeMlp(Path file, DigitsMlp mlp) throws IOException {
        ByteString graph = message(g -> {
            g.writeBytes(1, node("MatMul", "x", "w1", "xw1"));
            g.writeBytes(1, node("Add", "xw1", "b1", "z1"));
            g.writeBytes(1, node("Relu", "z1", null, "h"));
            g.writeBytes(1, node("MatMul", "h", "w2", "hw2"));
            g.writeBytes(1, node("Add", "hw2", "b2", "logits"));
            g.writeString(2, "digits_mlp");
            g.writeBytes(5, initializer("w1", mlp.w1, DigitsMlp.INPUTS, DigitsMlp.HIDDEN));
            g.writeBytes(5, initializer("b1", mlp.b1, DigitsMlp.HIDDEN));
            g.writeBytes(5, initializer("w2", mlp.w2, DigitsMlp.HIDDEN, DigitsMlp.CLASSES));
            g.writeBytes(5, initializer("b2", mlp.b2, DigitsMlp.CLASSES));
            g.writeBytes(11, valueInfo("x", DigitsMlp.INPUTS));
            g.writeBytes(12, valueInfo("logits", DigitsMlp.CLASSES));
        });
        byte[] model = toBytes(m -> {
            m.writeInt64(1, 8);
            m.writeString(2, "secmlops-tests");
            m.writeBytes(7, graph);
            m.writeBytes(8, message(o -> {
                o.writeString(1, "");
                o.writeInt64(2, 13);
            }));
        });
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, model);
        return file;
    }

    private static ByteString node(String op, String a, String b, String out) {
        return message(n -> {
            n.writeString(1, a);
            if (b != null) {
                n.writeString(1, b);
            }
            n.writeString(2, out);
            n.writeString(3, out);
            n.writeString(4, op);
        });
    }

    /** A float TensorProto initializer. */
    static ByteString initializer(String name, float[] values, long... dims) {
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

    private static ByteString valueInfo(String name, int width) {
        ByteString shape = message(s -> {
            s.writeBytes(1, message(d -> d.writeString(2, "N")));
            s.writeBytes(1, message(d -> d.writeInt64(1, width)));
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

    interface Body {
        void write(CodedOutputStream out) throws IOException;
    }

    /** A protobuf message written field by field. */
    static ByteString message(Body body) {
        return ByteString.copyFrom(toBytes(body));
    }

    static byte[] toBytes(Body body) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            body.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
