package org.coco.dsl.semantics;

import java.util.regex.Pattern;

import org.coco.dsl.coco.Overlay;
import org.coco.dsl.coco.TsmOp;
import org.coco.dsl.coco.TsmState;

/**
 * The TSM / TDISP state machines of §2.2: host connect/disconnect (drivers/pci/tsm.c, errno in the
 * documented check order), guest lock/accept/unlock (ov-devsec; also used by ov-tdi-rfc, ov-cca-da,
 * ov-sev-tio), ERROR, driver bind/unbind. T1(dev) := RUN && accepted.
 */
final class TsmStateMachine {
	private TsmStateMachine() {
	}

	private static final Pattern TSM_NAME = Pattern.compile("tsm\\d+");

	/** Errno of an injected ops->connect / ops->accept failure (the grammar says only `fails`). */
	static final Errno OPS_ERRNO = Errno.EIO;

	static Outcome apply(Machine m, DeviceState st, TsmOp op, String tsm, boolean fails, StepLog log) {
		if (fails && op != TsmOp.CONNECT && op != TsmOp.ACCEPT) {
			log.note("`fails` has no effect on " + op.getLiteral() + " (only ops->connect and ops->accept can fail)");
		}
		return switch (op) {
		case CONNECT -> connect(m, st, tsm, fails, log);
		case DISCONNECT -> disconnect(st, tsm, log);
		case LOCK -> lock(m, st, log);
		case ACCEPT -> accept(m, st, fails, log);
		case UNLOCK -> unlock(m, st, log);
		case ERROR -> {
			st.tsmState = TsmState.ERROR;
			log.rule("§2.2 TDISP", "interface enters ERROR (T=0)");
			yield new Outcome.Ok("state error");
		}
		case BIND -> {
			st.driverBound = true;
			log.rule("§2.2", "driver bind");
			yield new Outcome.Ok("driver bound");
		}
		case UNBIND -> {
			st.driverBound = false;
			log.rule("§2.2", "driver unbind");
			yield new Outcome.Ok("driver unbound");
		}
		};
	}

	/** tsm/connect: sscanf("tsm%d") -> -EINVAL; connected -> -EBUSY; unknown / not a link TSM -> -ENXIO. */
	private static Outcome connect(Machine m, DeviceState st, String tsm, boolean fails, StepLog log) {
		String fn = "connect_store / pci_tsm_connect";
		if (tsm == null || !TSM_NAME.matcher(tsm).matches()) {
			log.rule("§2.2 host connect check 1", fn);
			return new Outcome.Failed(Errno.EINVAL, "'" + (tsm == null ? "" : tsm) + "' is not tsm<N>");
		}
		if (st.connectedTsm != null) {
			log.rule("§2.2 host connect check 2", fn);
			return new Outcome.Failed(Errno.EBUSY, "already connected to " + st.connectedTsm);
		}
		if (!m.params.linkTsms().contains(tsm)) {
			log.rule("§2.2 host connect check 3", fn);
			return new Outcome.Failed(Errno.ENXIO, tsm + " is not a registered link TSM (link_tsms)");
		}
		if (fails) {
			log.rule("§2.2 host connect", fn + " (ops->connect failed: its errno, device left unconnected)");
			return new Outcome.Failed(OPS_ERRNO, "ops->connect failed");
		}
		st.connectedTsm = tsm;
		log.rule("§2.2 host connect", fn + " (ops->connect)");
		return new Outcome.Ok("connected to " + tsm);
	}

	/** tsm/disconnect: not connected -> -ENXIO; name mismatch -> -EINVAL; else unbind all TDIs, disconnect. */
	private static Outcome disconnect(DeviceState st, String tsm, StepLog log) {
		String fn = "disconnect_store";
		if (st.connectedTsm == null) {
			log.rule("§2.2 host disconnect check 1", fn);
			return new Outcome.Failed(Errno.ENXIO, "not connected");
		}
		if (tsm == null || !tsm.equals(st.connectedTsm)) {
			log.rule("§2.2 host disconnect check 2", fn);
			return new Outcome.Failed(Errno.EINVAL, "connected to " + st.connectedTsm + ", not " + tsm);
		}
		st.connectedTsm = null;
		// pci_tsm_unbind_all: the TDI goes back to UNLOCKED; ov-tdi-rfc: tdi_enabled = false
		st.tsmState = TsmState.UNLOCKED;
		st.accepted = false;
		log.rule("§2.2 host disconnect", fn + " (pci_tsm_unbind_all, ops->disconnect)");
		return new Outcome.Ok("disconnected");
	}

	private static Outcome guestInterface(Machine m, DeviceState st, String what, StepLog log) {
		boolean any = m.facts.overlay(Overlay.DEVSEC) || m.facts.overlay(Overlay.TDI_RFC) || m.facts.overlay(Overlay.CCA_DA)
				|| m.facts.overlay(Overlay.SEV_TIO);
		if (!any) {
			log.rule("§2.2 guest side", "tsm/" + what + " (no guest TSM overlay: attribute absent)");
			return new Outcome.Failed(Errno.ENXIO, "no guest TSM interface (needs ov-devsec, ov-tdi-rfc, ov-cca-da or ov-sev-tio)");
		}
		if (!st.device.isTdisp()) {
			log.rule("§2.2 guest side", "tsm/" + what + " (device is not TDISP-capable)");
			return new Outcome.Failed(Errno.ENXIO, st.device.getName() + " is not a TDISP device");
		}
		return null;
	}

	/** tsm/lock: -EBUSY if a driver is bound; UNLOCKED -> LOCKED (model: -EBUSY if not UNLOCKED). */
	private static Outcome lock(Machine m, DeviceState st, StepLog log) {
		Outcome g = guestInterface(m, st, "lock", log);
		if (g != null) {
			return g;
		}
		if (st.driverBound) {
			log.rule("§2.2 ov-devsec tsm/lock", "driver bound");
			return new Outcome.Failed(Errno.EBUSY, "a driver is bound");
		}
		if (st.tsmState != TsmState.UNLOCKED) {
			log.rule("§2.2 ov-devsec tsm/lock", "already " + st.tsmState.getLiteral() + " (model: -EBUSY)");
			return new Outcome.Failed(Errno.EBUSY, "interface is " + st.tsmState.getLiteral());
		}
		st.tsmState = TsmState.LOCKED;
		log.rule("§2.2 ov-devsec tsm/lock", "CONFIG_UNLOCKED -> CONFIG_LOCKED");
		return new Outcome.Ok("locked");
	}

	/** tsm/accept: -EINVAL without a TSM context (not LOCKED); -EBUSY if a driver is bound; LOCKED -> RUN, accepted. */
	private static Outcome accept(Machine m, DeviceState st, boolean fails, StepLog log) {
		Outcome g = guestInterface(m, st, "accept", log);
		if (g != null) {
			return g;
		}
		if (st.tsmState == TsmState.UNLOCKED || st.tsmState == TsmState.ERROR) {
			log.rule("§2.2 ov-devsec tsm/accept", "no TSM context (" + st.tsmState.getLiteral() + ")");
			return new Outcome.Failed(Errno.EINVAL, "interface is " + st.tsmState.getLiteral() + ", not locked");
		}
		if (st.driverBound) {
			log.rule("§2.2 ov-devsec tsm/accept", "driver bound");
			return new Outcome.Failed(Errno.EBUSY, "a driver is bound");
		}
		if (st.tsmState == TsmState.RUN) {
			log.rule("§2.2 ov-devsec tsm/accept", "already RUN (model: accept only from LOCKED, §6 inv. 13)");
			return new Outcome.Failed(Errno.EINVAL, "interface is already run");
		}
		if (fails) {
			// ov-cca-da: RSI_VDEV_DMA_ENABLE failed -> TDI back to CONFIG_LOCKED, -EIO; otherwise ops->accept's errno
			st.tsmState = TsmState.LOCKED;
			log.rule(m.facts.overlay(Overlay.CCA_DA) ? "§2.2 ov-cca-da tsm/accept" : "§2.2 ov-devsec tsm/accept",
					m.facts.overlay(Overlay.CCA_DA) ? "RSI_VDEV_DMA_ENABLE failed: back to CONFIG_LOCKED"
							: "ops->accept failed: stays CONFIG_LOCKED, not accepted");
			return new Outcome.Failed(OPS_ERRNO, "accept failed");
		}
		st.tsmState = TsmState.RUN;
		st.accepted = true;
		log.rule("§2.2 ov-devsec tsm/accept", "ops->accept: LOCKED -> RUN, device_cc_accept");
		return new Outcome.Ok("accepted");
	}

	/** tsm/unlock: -EBUSY if a driver is bound; LOCKED/RUN/ERROR -> UNLOCKED; clears accepted per parameter. */
	private static Outcome unlock(Machine m, DeviceState st, StepLog log) {
		Outcome g = guestInterface(m, st, "unlock", log);
		if (g != null) {
			return g;
		}
		if (st.driverBound) {
			log.rule("§2.2 ov-devsec tsm/unlock", "driver bound");
			return new Outcome.Failed(Errno.EBUSY, "a driver is bound");
		}
		if (st.tsmState == TsmState.UNLOCKED) {
			log.rule("§2.2 ov-devsec tsm/unlock", "not locked (model: -EINVAL)");
			return new Outcome.Failed(Errno.EINVAL, "interface is unlocked");
		}
		st.tsmState = TsmState.UNLOCKED;
		if (m.params.unlockClearsAccepted()) {
			st.accepted = false;
		} else if (st.accepted) {
			log.note("unlock_clears_accepted=no: device stays accepted while unlocked (T=0)");
		}
		log.rule("§2.2 ov-devsec tsm/unlock", "-> CONFIG_UNLOCKED (unlock_clears_accepted=" + (m.params.unlockClearsAccepted() ? "yes" : "no") + ")");
		return new Outcome.Ok("unlocked");
	}
}
