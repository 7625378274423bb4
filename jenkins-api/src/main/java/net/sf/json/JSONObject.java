package net.sf.json;

/**
 * Compile-only declaration of json-lib {@code net.sf.json.JSONObject} (2.4-jenkins-8, bundled in Jenkins core
 * 2.479.3). The plugin only passes it on to {@code StaplerRequest2#bindJSON}, so no member and none of its
 * supertypes ({@code AbstractJSON}, {@code JSON}, {@code Map}, {@code Comparable}) are declared.
 */
public final class JSONObject {
    private JSONObject() {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
