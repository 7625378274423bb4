package org.secmlops.core.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.secmlops.core.scan.Fixtures.write;
import static org.secmlops.core.scan.ScanAssert.scan;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.secmlops.core.capability.scan.ScanReport;
import org.secmlops.core.capability.scan.Severity;

/** Issue 14: less-known standard-library callables that run commands, load code or write files. */
class PickleDangerousCallablesTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}.{1}")
    @CsvSource({
        "pydoc, pipepager", "pydoc, tempfilepager", "os, posix_spawn", "os, posix_spawnp", "os, execvpe",
        "os, spawnlp", "posix, system", "nt, spawnv", "pty, spawn", "subprocess, getoutput",
        "subprocess, run", "_posixsubprocess, fork_exec", "code, interact", "codeop, compile_command",
        "runpy, run_path", "importlib, import_module", "importlib.machinery, SourceFileLoader",
        "ctypes, CDLL", "_ctypes, dlopen", "pickle, loads", "_pickle, load", "marshal, loads", "shutil, rmtree",
        "shutil, move", "shutil, copyfile", "webbrowser, open", "socket, create_connection",
        "asyncio, create_subprocess_shell", "asyncio.subprocess, create_subprocess_exec", "platform, popen",
        "commands, getoutput", "timeit, timeit", "cProfile, run", "profile, run", "pdb, run", "trace, Trace",
        "distutils.spawn, spawn", "multiprocessing, Process", "operator, attrgetter", "operator, methodcaller",
        "operator, itemgetter", "_operator, methodcaller", "functools, reduce", "builtins, eval",
        "builtins, exec", "builtins, compile", "builtins, open", "builtins, __import__", "builtins, breakpoint",
        "builtins, input", "builtins, getattr", "__builtin__, apply", "__builtin__, execfile", "sys, modules",
        "uuid, _get_command_stdout", "atexit, register", "copyreg, add_extension", "logging.config, listen",
        "site, addsitedir", "tkinter, Tcl", "_winapi, CreateProcess", "venv, create", "numpy, save",
        "numpy.ctypeslib, load_library", "torch, save", "torch.package, PackageImporter", "joblib, dump",
        "compileall, compile_dir", "types, FunctionType", "pdb, Pdb", "io, open", "tempfile, mkstemp",
    })
    void shouldReportAsCritical(String module, String name) throws Exception {
        write(dir, "p0.pkl", PickleOps.call(0, module, name, "x"));
        write(dir, "p2.pkl", PickleOps.call(2, module, name, "x"));
        write(dir, "p4.pkl", PickleOps.call(4, module, name, "x"));

        ScanReport report = scan(dir);

        assertThat(report.findings()).hasSize(3).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.rule()).isEqualTo("PICKLE_DANGEROUS_GLOBAL");
            assertThat(f.message()).contains(module + "." + name).contains("calls it (REDUCE)");
        });
    }

    @ParameterizedTest(name = "Python 2 name {0}.{1}")
    @CsvSource({
        "StringIO, open, io.open", "cStringIO, open, io.open", "__builtin__, reduce, functools.reduce",
        "__builtin__, intern, sys.intern", "SimpleHTTPServer, test, http.server.test",
        "BaseHTTPServer, HTTPServer, http.server.HTTPServer",
    })
    void shouldJudgePython2NamesAsPython3UnpicklesThem(String module, String name, String py3) throws Exception {
        write(dir, "p0.pkl", PickleOps.call(0, module, name, "x"));
        write(dir, "p2.pkl", PickleOps.call(2, module, name, "x"));

        assertThat(scan(dir).findings()).hasSize(2).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.message()).contains(module + "." + name).contains("Python 3 unpickles it as " + py3);
        });
    }

    @ParameterizedTest(name = "{0}.{1}")
    @CsvSource({
        "functools, partial", "functools, partialmethod", "operator, add", "torch, load", "numpy, load",
        "joblib, load", "builtins, type", "builtins, map", "gc, get_referrers", "signal, signal",
        "threading, Thread", "inspect, getmembers", "logging, FileHandler", "copyreg, _slotnames",
        "platform, node", "pandas, read_pickle", "sqlite3, connect", "gzip, open", "thread, start_new_thread",
        "dbhash, open",
    })
    void shouldReportAsHigh(String module, String name) throws Exception {
        write(dir, "p2.pkl", PickleOps.call(2, module, name, "x"));
        write(dir, "p4.pkl", PickleOps.call(4, module, name, "x"));

        assertThat(scan(dir).findings()).hasSize(2).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.rule()).isEqualTo("PICKLE_DANGEROUS_GLOBAL");
        });
    }
}
