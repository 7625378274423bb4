package org.secmlops.core.scan;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Assembles pickle bytes opcode by opcode, so hostile pickles are written by hand in the tests and
 * nothing is ever pickled or unpickled. Each method appends one opcode with its argument.
 */
final class PickleOps {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** @return a pickle that starts with {@code PROTO n} (nothing is written for protocol 0 and 1) */
    static PickleOps protocol(int n) {
        PickleOps p = new PickleOps();
        if (n >= 2) {
            p.op(0x80).op(n);
        }
        return p;
    }

    private PickleOps op(int b) {
        out.write(b);
        return this;
    }

    private PickleOps le(long v, int n) {
        for (int i = 0; i < n; i++) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
        return this;
    }

    private PickleOps line(String s) {
        out.writeBytes((s + "\n").getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** GLOBAL: module and name as text lines (every protocol). */
    PickleOps global(String module, String name) {
        return op('c').line(module).line(name);
    }

    /** INST: MARK-ed arguments must be on the stack; text lines like GLOBAL, then a call. */
    PickleOps inst(String module, String name) {
        return op('i').line(module).line(name);
    }

    /** A string: SHORT_BINUNICODE from protocol 4, BINUNICODE for 1 to 3, STRING (quoted line) for 0. */
    PickleOps str(int protocol, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (protocol >= 4 && b.length < 256) {
            return op(0x8c).op(b.length).raw(b);
        }
        if (protocol >= 1) {
            return op('X').le(b.length, 4).raw(b);
        }
        return op('S').line("'" + s + "'");
    }

    /** SHORT_BINUNICODE. */
    PickleOps shortUnicode(String s) {
        return str(4, s);
    }

    /** STACK_GLOBAL: module and name are the two strings on top of the stack. */
    PickleOps stackGlobal() {
        return op(0x93);
    }

    /** {@code module} and {@code name} as strings, then STACK_GLOBAL. */
    PickleOps stackGlobal(String module, String name) {
        return shortUnicode(module).shortUnicode(name).stackGlobal();
    }

    PickleOps mark() {
        return op('(');
    }

    PickleOps tuple() {
        return op('t');
    }

    PickleOps emptyTuple() {
        return op(')');
    }

    PickleOps tuple1() {
        return op(0x85);
    }

    PickleOps emptyDict() {
        return op('}');
    }

    PickleOps none() {
        return op('N');
    }

    PickleOps int1(int v) {
        return op('K').op(v);
    }

    PickleOps pop() {
        return op('0');
    }

    PickleOps reduce() {
        return op('R');
    }

    PickleOps newobj() {
        return op(0x81);
    }

    /** NEWOBJ_EX: class, args tuple and kwargs dict on the stack. */
    PickleOps newobjEx() {
        return op(0x92);
    }

    PickleOps obj() {
        return op('o');
    }

    PickleOps build() {
        return op('b');
    }

    PickleOps setitem() {
        return op('s');
    }

    PickleOps memoize() {
        return op(0x94);
    }

    PickleOps binput(int i) {
        return op('q').op(i);
    }

    PickleOps binget(int i) {
        return op('h').op(i);
    }

    /** PUT / GET: protocol 0 memo with a decimal index line. */
    PickleOps put(int i) {
        return op('p').line(Integer.toString(i));
    }

    PickleOps get(int i) {
        return op('g').line(Integer.toString(i));
    }

    PickleOps ext1(int code) {
        return op(0x82).le(code, 1);
    }

    PickleOps ext2(int code) {
        return op(0x83).le(code, 2);
    }

    PickleOps ext4(long code) {
        return op(0x84).le(code, 4);
    }

    /** FRAME with the length of {@code body}, then the body (protocol 4 framing). */
    PickleOps frame(byte[] body) {
        return op(0x95).le(body.length, 8).raw(body);
    }

    PickleOps raw(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    PickleOps stop() {
        return op('.');
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /**
     * A complete pickle that imports {@code module.name} the usual way for the protocol (GLOBAL up
     * to 3, STACK_GLOBAL from 4, with memo writes as Python emits them) and calls it with one string.
     */
    static byte[] call(int protocol, String module, String name, String argument) {
        PickleOps p = protocol(protocol);
        if (protocol >= 4) {
            p.shortUnicode(module).memoize().shortUnicode(name).memoize().stackGlobal().memoize()
                    .shortUnicode(argument).memoize().tuple1().memoize().reduce().memoize();
        } else if (protocol >= 2) {
            p.global(module, name).binput(0).str(protocol, argument).binput(1).tuple1().binput(2).reduce();
        } else {
            p.global(module, name).put(0).mark().str(protocol, argument).tuple().reduce();
        }
        return p.stop().bytes();
    }
}
