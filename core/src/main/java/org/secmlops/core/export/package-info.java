/**
 * Exports of a run's result in formats that other tools read: JUnit XML of the gates ({@link
 * org.secmlops.core.export.JUnitReport}) for any CI's test report, and SARIF 2.1.0 of the scan findings ({@link
 * org.secmlops.core.export.SarifReport}) for code-scanning tools. Both are written through
 * {@link org.secmlops.core.io.SafeOutput}.
 */
package org.secmlops.core.export;
