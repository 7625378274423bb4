package org.kohsuke.stapler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Compile-only declaration of Stapler {@code org.kohsuke.stapler.AncestorInPath} (1903.1905.ve5a_f469356f0).
 * Upstream's {@code @InjectedParameter(HandlerImpl.class)} meta-annotation and nested {@code HandlerImpl}
 * are runtime machinery of the real class and are not declared.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@Documented
public @interface AncestorInPath {}
