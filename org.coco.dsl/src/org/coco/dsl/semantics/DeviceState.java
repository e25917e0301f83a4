package org.coco.dsl.semantics;

import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.TsmState;

/** Per-run mutable state of one device: TDISP state, acceptance, driver binding, host TSM link (§2.2). */
final class DeviceState {
	final Device device;
	TsmState tsmState;
	/** tdi_enabled (ov-tdi-rfc) / device_cc_accepted (ov-devsec). */
	boolean accepted;
	boolean driverBound;
	/** Host side: the link TSM this device (PF0) is connected to, or null. */
	String connectedTsm;
	/** IOVA allocator cursor (top-down). */
	long iovaNext;

	DeviceState(Device d) {
		this.device = d;
		this.tsmState = d.isTdisp() ? d.getTsmState() : TsmState.UNLOCKED;
		this.accepted = d.isTdisp() && d.isAccepted();
		this.driverBound = d.isDriverBound();
	}

	DeviceState copy() {
		DeviceState c = new DeviceState(device);
		c.tsmState = tsmState;
		c.accepted = accepted;
		c.driverBound = driverBound;
		c.connectedTsm = connectedTsm;
		c.iovaNext = iovaNext;
		return c;
	}

	/** For {@link Machine#checkpoint()}: what restores this state's fields as they are now. */
	Runnable checkpoint() {
		TsmState t = tsmState;
		boolean a = accepted, b = driverBound;
		String c = connectedTsm;
		long i = iovaNext;
		return () -> {
			tsmState = t;
			accepted = a;
			driverBound = b;
			connectedTsm = c;
			iovaNext = i;
		};
	}

	/** T1(dev) := tsm_state == RUN && accepted (§2.2). */
	boolean t1() {
		return device.isTdisp() && tsmState == TsmState.RUN && accepted;
	}

	/** What of the state the explorer's digest counts, in one place for every device the machine holds. */
	void digest(Digest e) {
		e.add(tsmState).add(accepted).add(driverBound).add(connectedTsm).add(iovaNext);
	}
}
