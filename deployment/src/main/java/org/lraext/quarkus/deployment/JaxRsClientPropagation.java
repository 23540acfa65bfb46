package org.lraext.quarkus.deployment;

import java.util.function.BiFunction;

import org.lraext.quarkus.runtime.internal.LraClientFilter;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import io.quarkus.gizmo.Gizmo;

/**
 * Makes every client built by the Quarkus REST Client's {@code ClientBuilderImpl} carry the LRA context: its
 * {@code build()} registers {@link LraClientFilter} first. This covers {@code ClientBuilder.newClient()} (the JAX-RS
 * client API, which Quarkus gives no global filters) and the REST Client interfaces, which are built through it.
 */
final class JaxRsClientPropagation implements BiFunction<String, ClassVisitor, ClassVisitor> {

    static final String CLIENT_BUILDER = "org.jboss.resteasy.reactive.client.impl.ClientBuilderImpl";
    private static final String OWNER = CLIENT_BUILDER.replace('.', '/');
    private static final String BUILD_DESCRIPTOR = "()Lorg/jboss/resteasy/reactive/client/impl/ClientImpl;";
    private static final String FILTER = LraClientFilter.class.getName().replace('.', '/');

    @Override
    public ClassVisitor apply(String className, ClassVisitor delegate) {
        return new ClassVisitor(Gizmo.ASM_API_VERSION, delegate) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                if (!"build".equals(name) || !BUILD_DESCRIPTOR.equals(descriptor)) {
                    return mv;
                }
                return new MethodVisitor(Gizmo.ASM_API_VERSION, mv) {
                    @Override
                    public void visitCode() {
                        super.visitCode();
                        // this.register(new LraClientFilter());
                        visitVarInsn(Opcodes.ALOAD, 0);
                        visitTypeInsn(Opcodes.NEW, FILTER);
                        visitInsn(Opcodes.DUP);
                        visitMethodInsn(Opcodes.INVOKESPECIAL, FILTER, "<init>", "()V", false);
                        visitMethodInsn(Opcodes.INVOKEVIRTUAL, OWNER, "register",
                                "(Ljava/lang/Object;)L" + OWNER + ";", false);
                        visitInsn(Opcodes.POP);
                    }
                };
            }
        };
    }
}
