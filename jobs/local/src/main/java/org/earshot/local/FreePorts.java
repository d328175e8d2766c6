package org.earshot.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Free loopback ports for services started on one machine. */
public final class FreePorts {
    private FreePorts() {}

    /**
     * Distinct free loopback ports: every socket stays open until all are taken, since a port
     * asked for alone may be handed out again at once (a broker and its controller once got
     * the same one).
     */
    public static int[] take(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
