package org.secmlops.core.robustness;

/**
 * A sign that the robustness numbers may overstate the model's robustness (or are meaningless).
 *
 * @param id     stable id, e.g. {@code BLACK_BOX_STRONGER}
 * @param title  one line
 * @param detail what was observed and what it may mean
 */
public record ValidityFlag(String id, String title, String detail) {
}
