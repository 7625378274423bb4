package io.jenkins.plugins.secmlops.realjenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.FilePath;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.secmlops.testsupport.ExternalData;

/**
 * Every compile-only declaration in {@code jenkins-api} against the real classes of the Jenkins 2.479.3 war and
 * Pipeline plugins in {@code shared/jenkins}: each declared type exists with the same kind, modifiers and
 * superclass, and each public or protected member the plugin may link against exists upstream with the same
 * erased signature, static-ness and checked exceptions. A mismatch would compile here and fail in Jenkins
 * with {@code NoSuchMethodError} or {@code AbstractMethodError}.
 */
class JenkinsApiMatchesUpstreamTest {
    private static final List<String> PLUGINS = List.of("workflow-step-api", "workflow-api", "structs");

    @TempDir
    static Path extracted;
    private static URLClassLoader upstream;
    private static List<Class<?>> declarations;

    @BeforeAll
    static void loadUpstream() throws Exception {
        Path distribution = ExternalData.shared("jenkins/jenkins.war", "the Jenkins 2.479.3 war and its plugins")
                .getParent();
        List<URL> jars = new ArrayList<>();
        jars.addAll(extract(distribution.resolve("jenkins.war"), "WEB-INF/lib/", "executable/winstone.jar"));
        for (String plugin : PLUGINS) {
            jars.addAll(extract(distribution.resolve("plugins").resolve(plugin + ".jpi"), "WEB-INF/lib/", null));
        }
        upstream = new URLClassLoader(jars.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        declarations = declaredClasses();
    }

    @Test
    void everyDeclaredTypeShouldExistUpstreamWithTheSameKindAndSupertypes() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Class<?> declared : declarations) {
            Class<?> real = upstream(declared);
            if (declared.isInterface() != real.isInterface() || declared.isAnnotation() != real.isAnnotation()
                    || declared.isEnum() != real.isEnum()) {
                problems.add(declared.getName() + ": kind differs");
            }
            int mask = Modifier.ABSTRACT | Modifier.FINAL | Modifier.STATIC | Modifier.PUBLIC;
            if (!declared.isInterface() && (declared.getModifiers() & mask) != (real.getModifiers() & mask)) {
                problems.add(declared.getName() + ": modifiers " + Modifier.toString(declared.getModifiers() & mask)
                        + " but upstream " + Modifier.toString(real.getModifiers() & mask));
            }
            if (declared.getSuperclass() != null && declared.getSuperclass() != Object.class
                    && !declared.getSuperclass().getName().equals(real.getSuperclass().getName())) {
                problems.add(declared.getName() + ": extends " + declared.getSuperclass().getName()
                        + " but upstream " + real.getSuperclass().getName());
            }
            Set<String> realInterfaces = Arrays.stream(real.getInterfaces()).map(Class::getName)
                    .collect(Collectors.toSet());
            for (Class<?> implemented : declared.getInterfaces()) {
                if (!realInterfaces.contains(implemented.getName())) {
                    problems.add(declared.getName() + ": implements " + implemented.getName() + " but upstream not");
                }
            }
        }

        assertThat(problems).isEmpty();
    }

    @Test
    void everyDeclaredMemberShouldExistUpstreamWithTheSameSignature() throws Exception {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Class<?> declared : declarations) {
            Class<?> real = upstream(declared);
            for (Method method : declared.getDeclaredMethods()) {
                if (linkable(method.getModifiers()) && !method.isSynthetic() && !method.isBridge()) {
                    checked++;
                    Method match = findMethod(real, method);
                    if (match == null) {
                        problems.add(signature(method) + ": no such method upstream");
                    } else {
                        compare(method, match, problems);
                        if (!method.getReturnType().getName().equals(match.getReturnType().getName())) {
                            problems.add(signature(method) + ": returns " + method.getReturnType().getName()
                                    + " but upstream " + match.getReturnType().getName());
                        }
                        if (Modifier.isAbstract(method.getModifiers()) && !Modifier.isAbstract(match.getModifiers())
                                && !declared.isInterface()) {
                            problems.add(signature(method) + ": abstract here but concrete upstream");
                        }
                    }
                }
            }
            for (Constructor<?> constructor : declared.getDeclaredConstructors()) {
                if (linkable(constructor.getModifiers()) && !constructor.isSynthetic()) {
                    checked++;
                    Constructor<?> match = Arrays.stream(real.getDeclaredConstructors())
                            .filter(candidate -> sameParameters(candidate, constructor)).findFirst().orElse(null);
                    if (match == null) {
                        problems.add(signature(constructor) + ": no such constructor upstream");
                    } else {
                        compare(constructor, match, problems);
                    }
                }
            }
            for (Field field : declared.getDeclaredFields()) {
                if (linkable(field.getModifiers()) && !field.isSynthetic()) {
                    checked++;
                    try {
                        Field match = real.getField(field.getName());
                        if (!match.getType().getName().equals(field.getType().getName())
                                || Modifier.isStatic(match.getModifiers()) != Modifier.isStatic(field.getModifiers())) {
                            problems.add(declared.getName() + "." + field.getName() + ": type or static-ness differs");
                        }
                    } catch (NoSuchFieldException e) {
                        problems.add(declared.getName() + "." + field.getName() + ": no such field upstream");
                    }
                }
            }
        }

        assertThat(checked).as("declared members checked").isGreaterThan(50);
        assertThat(problems).isEmpty();
    }

    @Test
    void everyConcretePluginClassShouldImplementEveryAbstractMethodOfItsRealSupertypes() throws Exception {
        Path pluginClasses = Path.of("target/classes").toAbsolutePath();
        List<URL> classPath = new ArrayList<>(List.of(pluginClasses.toUri().toURL()));
        for (Class<?> library : List.of(org.secmlops.core.gate.GateStatus.class,
                com.fasterxml.jackson.databind.JsonNode.class, com.fasterxml.jackson.core.JsonFactory.class,
                com.fasterxml.jackson.annotation.JsonIgnoreProperties.class)) {
            classPath.add(library.getProtectionDomain().getCodeSource().getLocation());
        }
        List<String> problems = new ArrayList<>();
        int checked = 0;
        try (URLClassLoader plugin = new URLClassLoader(classPath.toArray(URL[]::new), upstream);
                Stream<Path> files = Files.walk(pluginClasses)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                Class<?> type = Class.forName(className(pluginClasses.relativize(file).toString()), false, plugin);
                if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
                    continue;
                }
                checked++;
                for (Method method : abstractMethods(type)) {
                    problems.add(type.getName() + " does not implement " + method.getDeclaringClass().getName() + "#"
                            + method.getName() + Arrays.toString(method.getParameterTypes()));
                }
            }
        }

        assertThat(checked).as("concrete plugin classes").isGreaterThan(20);
        assertThat(problems).isEmpty();
    }

    /** Abstract methods of the type's supertypes that no class in its hierarchy implements. */
    private static List<Method> abstractMethods(Class<?> type) {
        List<Method> missing = new ArrayList<>();
        List<Method> candidates = new ArrayList<>(Arrays.asList(type.getMethods()));
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            Arrays.stream(c.getDeclaredMethods()).filter(m -> Modifier.isProtected(m.getModifiers()))
                    .forEach(candidates::add);
        }
        for (Method method : candidates) {
            if (Modifier.isAbstract(method.getModifiers()) && findConcrete(type, method) == null) {
                missing.add(method);
            }
        }
        return missing;
    }

    private static Method findConcrete(Class<?> type, Method wanted) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method candidate : c.getDeclaredMethods()) {
                if (candidate.getName().equals(wanted.getName()) && sameParameters(candidate, wanted)
                        && !Modifier.isAbstract(candidate.getModifiers())) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static void compare(Executable declared, Executable real, List<String> problems) {
        if (Modifier.isStatic(declared.getModifiers()) != Modifier.isStatic(real.getModifiers())) {
            problems.add(signature(declared) + ": static-ness differs upstream");
        }
        if (Modifier.isPublic(declared.getModifiers()) && !Modifier.isPublic(real.getModifiers())) {
            problems.add(signature(declared) + ": public here but not upstream");
        }
        Set<String> declaredExceptions = checked(declared.getExceptionTypes());
        Set<String> realExceptions = checked(real.getExceptionTypes());
        if (!declaredExceptions.equals(realExceptions)) {
            problems.add(signature(declared) + ": throws " + declaredExceptions + " but upstream " + realExceptions);
        }
    }

    private static Method findMethod(Class<?> type, Method wanted) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method candidate : c.getDeclaredMethods()) {
                if (candidate.getName().equals(wanted.getName()) && sameParameters(candidate, wanted)
                        && !candidate.isBridge()) {
                    return candidate;
                }
            }
        }
        for (Class<?> implemented : type.getInterfaces()) {
            Method found = findMethod(implemented, wanted);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static boolean sameParameters(Executable a, Executable b) {
        return Arrays.equals(Arrays.stream(a.getParameterTypes()).map(Class::getName).toArray(),
                Arrays.stream(b.getParameterTypes()).map(Class::getName).toArray());
    }

    private static boolean linkable(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static Set<String> checked(Class<?>[] exceptions) {
        return Arrays.stream(exceptions).filter(type -> !RuntimeException.class.isAssignableFrom(type)
                && !Error.class.isAssignableFrom(type)).map(Class::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String signature(Executable executable) {
        return executable.getDeclaringClass().getName() + "#" + executable.getName() + "("
                + Arrays.stream(executable.getParameterTypes()).map(Class::getSimpleName)
                        .collect(Collectors.joining(", ")) + ")";
    }

    private static Class<?> upstream(Class<?> declared) throws ClassNotFoundException {
        return Class.forName(declared.getName(), false, upstream);
    }

    /** The classes compiled from jenkins-api, found where hudson.FilePath was loaded from. */
    private static List<Class<?>> declaredClasses() throws Exception {
        Path location = Path.of(FilePath.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                files.filter(file -> file.toString().endsWith(".class"))
                        .forEach(file -> names.add(className(location.relativize(file).toString())));
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements();) {
                    String name = entries.nextElement().getName();
                    if (name.endsWith(".class") && !name.startsWith("META-INF")) {
                        names.add(className(name));
                    }
                }
            }
        }
        assertThat(names).as("jenkins-api classes in " + location).hasSizeGreaterThan(40);
        List<Class<?>> classes = new ArrayList<>();
        for (String name : names) {
            classes.add(Class.forName(name, false, JenkinsApiMatchesUpstreamTest.class.getClassLoader()));
        }
        return classes;
    }

    private static String className(String path) {
        return path.substring(0, path.length() - ".class".length()).replace('/', '.').replace('\\', '.');
    }

    private static List<URL> extract(Path archive, String libraries, String alsoEntry) throws IOException {
        List<URL> jars = new ArrayList<>();
        Path folder = Files.createTempDirectory(extracted, archive.getFileName().toString());
        try (JarFile jar = new JarFile(archive.toFile())) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements();) {
                JarEntry entry = entries.nextElement();
                boolean library = entry.getName().startsWith(libraries) && entry.getName().endsWith(".jar");
                if (library || entry.getName().equals(alsoEntry)) {
                    Path target = folder.resolve(Path.of(entry.getName()).getFileName().toString());
                    try (InputStream in = jar.getInputStream(entry)) {
                        Files.copy(in, target);
                    }
                    jars.add(target.toUri().toURL());
                }
            }
        }
        return jars;
    }
}
