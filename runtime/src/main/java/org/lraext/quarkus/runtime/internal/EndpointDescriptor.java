package org.lraext.quarkus.runtime.internal;

/**
 * What the build found about one JAX-RS endpoint, in recordable form: plain values only.
 */
public class EndpointDescriptor {

    /** The endpoint's {@code @LRA} type name, or null when it has no {@code @LRA}. */
    private String lraType;
    private boolean end = true;
    private int[] cancelOn = new int[0];
    private String[] cancelOnFamily = new String[0];
    private long timeLimitMillis;
    /** The participant callback this method is, by rel name, or null. */
    private String callback;
    /** The {@link Endpoint.Role} name. */
    private String role;
    /** Whether the endpoint enlists its class, a participant (whose callbacks the registry holds by class name). */
    private boolean enlisting;
    /** A readable name, {@code Class#method}, for messages and the coordinator's client id. */
    private String name;
    /** The endpoint's class (not the one declaring the method). */
    private String className;

    public String getLraType() {
        return lraType;
    }

    public void setLraType(String lraType) {
        this.lraType = lraType;
    }

    public boolean isEnd() {
        return end;
    }

    public void setEnd(boolean end) {
        this.end = end;
    }

    public int[] getCancelOn() {
        return cancelOn;
    }

    public void setCancelOn(int[] cancelOn) {
        this.cancelOn = cancelOn;
    }

    public String[] getCancelOnFamily() {
        return cancelOnFamily;
    }

    public void setCancelOnFamily(String[] cancelOnFamily) {
        this.cancelOnFamily = cancelOnFamily;
    }

    public long getTimeLimitMillis() {
        return timeLimitMillis;
    }

    public void setTimeLimitMillis(long timeLimitMillis) {
        this.timeLimitMillis = timeLimitMillis;
    }

    public String getCallback() {
        return callback;
    }

    public void setCallback(String callback) {
        this.callback = callback;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public boolean isEnlisting() {
        return enlisting;
    }

    public void setEnlisting(boolean enlisting) {
        this.enlisting = enlisting;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getClassName() {
        return className;
    }

    public void setClassName(String className) {
        this.className = className;
    }
}
