package org.secmlops.core.datacheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SampleIdsTest {
    private static List<String> collect(String... ids) {
        SampleIds.Builder builder = new SampleIds.Builder();
        for (String id : ids) {
            builder.add(id);
        }
        return builder.build();
    }

    @Test
    void shouldStoreNumberedIdsAsNumbersAndSpellThemAsGiven() {
        List<String> ids = collect("line 2", "line 4", "line 1000000");

        assertThat(ids).isInstanceOf(SampleIds.class).containsExactly("line 2", "line 4", "line 1000000");
    }

    @Test
    void shouldKeepIdsThatAreNotOnePrefixAndAPlainNumber() {
        assertThat(collect("#0", "#1", "line 2")).containsExactly("#0", "#1", "line 2");
        assertThat(collect("#07")).containsExactly("#07");
        assertThat(collect("cat/1.png", "dog/2.png")).containsExactly("cat/1.png", "dog/2.png");
        assertThat(collect("#1", "#12345678901")).containsExactly("#1", "#12345678901");
    }

    @Test
    void shouldBeTakenByADataTableWithoutCopying() {
        List<String> ids = collect("#0", "#1");

        DataTable table = new DataTable("t", ids, new float[][] {{1}, {2}}, new int[] {0, 1}, new int[] {1}, false);

        assertThat(table.ids()).isSameAs(ids);
    }
}
