package org.secmlops.core.export;

import java.io.InputStream;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.SAXException;

/** The vendored schemas of {@code src/test/resources/schemas} (see the README there). */
final class Schemas {
    private Schemas() {
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
