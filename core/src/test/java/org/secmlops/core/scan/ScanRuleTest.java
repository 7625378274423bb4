package org.secmlops.core.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.secmlops.core.capability.scan.Severity;

class ScanRuleTest {
    @Test
    void everyRuleTheScannerReportsIsDescribed() throws Exception {
        List<String> ids = new ArrayList<>();
        for (Field field : Rules.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                ids.add((String) field.get(null));
            }
        }

        assertThat(ScanRule.all()).extracting(ScanRule::id).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(ScanRule.all()).allSatisfy(rule -> {
            assertThat(rule.description()).endsWith(".");
            assertThat(rule.help()).isNotBlank();
        });
        assertThat(ScanRule.byId("PICKLE_DANGEROUS_GLOBAL")).get().extracting(ScanRule::severity)
                .isEqualTo(Severity.CRITICAL);
        assertThat(ScanRule.byId("NO_SUCH_RULE")).isEmpty();
    }
}
