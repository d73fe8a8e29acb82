package lrsched.core;


/** A named schedule: one CSV column, one legend entry. */
public record Curve(String name, Schedule schedule) {}
