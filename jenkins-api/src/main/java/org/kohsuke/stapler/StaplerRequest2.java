package org.kohsuke.stapler;

import net.sf.json.JSONObject;

/**
 * Compile-only declaration of Stapler {@code org.kohsuke.stapler.StaplerRequest2} (1903.1905.ve5a_f469356f0):
 * only the member the plugin calls. Upstream it extends {@code jakarta.servlet.http.HttpServletRequest}, which
 * is not on this module's class path; the plugin never uses it as a servlet request.
 */
public interface StaplerRequest2 {
    void bindJSON(Object bean, JSONObject src);
}
