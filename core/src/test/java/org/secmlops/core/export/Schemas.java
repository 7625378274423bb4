package org.secmlops.core.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.SAXException;

/** The vendored schemas of {@code src/test/resources/schemas} (see the README there). */
final class Schemas {
    private static final com.networknt.schema.Schema SARIF = sarif();

    private Schemas() {
    }

    /** The SARIF 2.1.0 schema's complaints about a document, with formats (uri, date-time, ...) asserted. */
    static List<String> sarifErrors(JsonNode document) {
        List<Error> errors = SARIF.validate(document,
                context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
        return errors.stream().map(Error::toString).toList();
    }

    private static com.networknt.schema.Schema sarif() {
        try (InputStream in = Schemas.class.getResourceAsStream("/schemas/sarif-schema-2.1.0.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Validates XML against the Jenkins JUnit schema; throws {@link SAXException} when it is not valid. */
    static void validateJUnit(String xml) throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        Schema schema;
        try (InputStream xsd = Schemas.class.getResourceAsStream("/schemas/jenkins-junit-4.xsd")) {
            schema = factory.newSchema(new StreamSource(xsd));
        }
        schema.newValidator().validate(new StreamSource(new StringReader(xml)));
    }
}
