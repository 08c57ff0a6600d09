package io.aeolus.console.send;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One property row of the send form: name, type and value as typed. FX thread only.
 */
public final class PropertyRow
{
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final ObjectProperty<PropertyType> type = new SimpleObjectProperty<>(this, "type", PropertyType.STRING);
    private final StringProperty value = new SimpleStringProperty(this, "value", "");

    /**
     * Creates an empty string property row.
     */
    public PropertyRow()
    {
    }

    /**
     * Creates a filled row.
     *
     * @param name  property name.
     * @param type  property type.
     * @param value value as text.
     */
    public PropertyRow(final String name, final PropertyType type, final String value)
    {
        this.name.set(name);
        this.type.set(type);
        this.value.set(value);
    }

    /**
     * Property name.
     *
     * @return the property.
     */
    public StringProperty nameProperty()
    {
        return name;
    }

    /**
     * Property type.
     *
     * @return the property.
     */
    public ObjectProperty<PropertyType> typeProperty()
    {
        return type;
    }

    /**
     * Value as text.
     *
     * @return the property.
     */
    public StringProperty valueProperty()
    {
        return value;
    }
}
