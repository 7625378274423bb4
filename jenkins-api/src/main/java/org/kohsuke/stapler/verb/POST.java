package org.kohsuke.stapler.verb;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Compile-only declaration of Stapler {@code org.kohsuke.stapler.verb.POST} (1903.1905.ve5a_f469356f0).
 * Upstream's {@code @InterceptorAnnotation} meta-annotation is runtime machinery of the real class and is not declared.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface POST {}
