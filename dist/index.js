var __defProp = Object.defineProperty;
var __name = (target, value) => __defProp(target, "name", { value, configurable: true });

// build/index.js
import { WorkerEntrypoint as lt } from "cloudflare:workers";
import G from "./9d3b8a5193abe68facb25d4aa6c6d56cb30648a5-index_bg.wasm";
var J = globalThis.__worker_init_state = { criticalError: false, instanceId: 0 };
var x = class {
  static {
    __name(this, "x");
  }
  __destroy_into_raw() {
    let t = this.__wbg_ptr;
    return this.__wbg_ptr = 0, _t.unregister(this), t;
  }
  free() {
    let t = this.__destroy_into_raw();
    s();
    try {
      _.__wbg_containerstartupoptions_free(t, 0);
    } catch (e) {
      o(e);
    }
  }
  get enableInternet() {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== c) throw new Error("Invalid stale object from previous Wasm instance");
    let t;
    s();
    try {
      t = _.__wbg_get_containerstartupoptions_enableInternet(this.__wbg_ptr);
    } catch (e) {
      o(e);
    }
    return t === 16777215 ? void 0 : t !== 0;
  }
  get entrypoint() {
    try {
      if (this.__wbg_inst !== void 0 && this.__wbg_inst !== c) throw new Error("Invalid stale object from previous Wasm instance");
      let i = _.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      s();
      try {
        _.__wbg_get_containerstartupoptions_entrypoint(i, this.__wbg_ptr);
      } catch (a) {
        o(a);
      }
      var t = f().getInt32(i + 0, true), e = f().getInt32(i + 4, true), r = ft(t, e);
      return _.__wbindgen_export4(t, e * 4, 4), r;
    } finally {
      _.__wbindgen_add_to_stack_pointer(16);
    }
  }
  get env() {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== c) throw new Error("Invalid stale object from previous Wasm instance");
    let t;
    s();
    try {
      t = _.__wbg_get_containerstartupoptions_env(this.__wbg_ptr);
    } catch (e) {
      o(e);
    }
    return t;
  }
  set enableInternet(t) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== c) throw new Error("Invalid stale object from previous Wasm instance");
    s();
    try {
      _.__wbg_set_containerstartupoptions_enableInternet(this.__wbg_ptr, b(t) ? 16777215 : t ? 1 : 0);
    } catch (e) {
      o(e);
    }
  }
  set entrypoint(t) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== c) throw new Error("Invalid stale object from previous Wasm instance");
    let e = bt(t, _.__wbindgen_export2), r = w;
    s();
    try {
      _.__wbg_set_containerstartupoptions_entrypoint(this.__wbg_ptr, e, r);
    } catch (i) {
      o(i);
    }
  }
  set env(t) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== c) throw new Error("Invalid stale object from previous Wasm instance");
    s();
    try {
      _.__wbg_set_containerstartupoptions_env(this.__wbg_ptr, t);
    } catch (e) {
      o(e);
    }
  }
};
Symbol.dispose && (x.prototype[Symbol.dispose] = x.prototype.free);
var k = class {
  static {
    __name(this, "k");
  }
  __destroy_into_raw() {
    let t = this.__wbg_ptr;
    return this.__wbg_ptr = 0, it.unregister(this), t;
  }
  free() {
    let t = this.__destroy_into_raw();
    s();
    try {
      _.__wbg_intounderlyingbytesource_free(t, 0);
    } catch (e) {
      o(e);
    }
  }
  get autoAllocateChunkSize() {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== c) throw new Error("Invalid stale object from previous Wasm instance");
    let t;
    s();
    try {
      t = _.intounderlyingbytesource_autoAllocateChunkSize(this.__wbg_ptr);
    } catch (e) {
      o(e);
    }
    return t >>> 0;
  }
  cancel() {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== c) throw new Error("Invalid stale object from previous Wasm instance");
    let t = this.__destroy_into_raw();
    s();
    try {
      _.intounderlyingbytesource_cancel(t);
    } catch (e) {
      o(e);
    }
  }
  pull(t) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== c) throw new Error("Invalid stale object from previous Wasm instance");
    let e;
    s();
    try {
      e = _.intounderlyingbytesource_pull(this.__wbg_ptr, t);
    } catch (r) {
      o(r);
    }
    return e;
  }
  start(t) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== c) throw new Error("Invalid stale object from previous Wasm instance");
    s();
    try {
      _.intounderlyingbytesource_start(this.__wbg_ptr, t);
    } catch (e) {
      o(e);
    }
  }
  get type() {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== c) throw new Error("Invalid stale object from previous Wasm instance");
    let t;
    s();
    try {
      t = _.intounderlyingbytesource_type(this.__wbg_ptr);
    } catch (e) {
      o(e);
    }
    return rt[t];
  }
};
Symbol.dispose && (k.prototype[Symbol.dispose] = k.prototype.free);
var S = class {
  static {
    __name(this, "S");
  }
  __destroy_into_raw() {
    let t = this.__wbg_ptr;
    return this.__wbg_ptr = 0, ot.unregister(this), t;
  }
  free() {
    let t = this.__destroy_into_raw();
    s();
    try {
      _.__wbg_intounderlyingsink_free(t, 0);
    } catch (e) {
      o(e);
    }
  }
  abort(t) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== c) throw new Error("Invalid stale object from previous Wasm instance");
    let e = this.__destroy_into_raw(), r;
    s();
    try {
      r = _.intounderlyingsink_abort(e, t);
    } catch (i) {
      o(i);
    }
    return r;
  }
  close() {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== c) throw new Error("Invalid stale object from previous Wasm instance");
    let t = this.__destroy_into_raw(), e;
    s();
    try {
      e = _.intounderlyingsink_close(t);
    } catch (r) {
      o(r);
    }
    return e;
  }
  write(t) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== c) throw new Error("Invalid stale object from previous Wasm instance");
    let e;
    s();
    try {
      e = _.intounderlyingsink_write(this.__wbg_ptr, t);
    } catch (r) {
      o(r);
    }
    return e;
  }
};
Symbol.dispose && (S.prototype[Symbol.dispose] = S.prototype.free);
var A = class {
  static {
    __name(this, "A");
  }
  __destroy_into_raw() {
    let t = this.__wbg_ptr;
    return this.__wbg_ptr = 0, st.unregister(this), t;
  }
  free() {
    let t = this.__destroy_into_raw();
    s();
    try {
      _.__wbg_intounderlyingsource_free(t, 0);
    } catch (e) {
      o(e);
    }
  }
  cancel() {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== c) throw new Error("Invalid stale object from previous Wasm instance");
    let t = this.__destroy_into_raw();
    s();
    try {
      _.intounderlyingsource_cancel(t);
    } catch (e) {
      o(e);
    }
  }
  pull(t) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== c) throw new Error("Invalid stale object from previous Wasm instance");
    let e;
    s();
    try {
      e = _.intounderlyingsource_pull(this.__wbg_ptr, t);
    } catch (r) {
      o(r);
    }
    return e;
  }
};
Symbol.dispose && (A.prototype[Symbol.dispose] = A.prototype.free);
var v = class {
  static {
    __name(this, "v");
  }
  __destroy_into_raw() {
    let t = this.__wbg_ptr;
    return this.__wbg_ptr = 0, ct.unregister(this), t;
  }
  free() {
    let t = this.__destroy_into_raw();
    s();
    try {
      _.__wbg_minifyconfig_free(t, 0);
    } catch (e) {
      o(e);
    }
  }
  get css() {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== c) throw new Error("Invalid stale object from previous Wasm instance");
    let t;
    s();
    try {
      t = _.__wbg_get_minifyconfig_css(this.__wbg_ptr);
    } catch (e) {
      o(e);
    }
    return t !== 0;
  }
  get html() {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== c) throw new Error("Invalid stale object from previous Wasm instance");
    let t;
    s();
    try {
      t = _.__wbg_get_minifyconfig_html(this.__wbg_ptr);
    } catch (e) {
      o(e);
    }
    return t !== 0;
  }
  get js() {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== c) throw new Error("Invalid stale object from previous Wasm instance");
    let t;
    s();
    try {
      t = _.__wbg_get_minifyconfig_js(this.__wbg_ptr);
    } catch (e) {
      o(e);
    }
    return t !== 0;
  }
  set css(t) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== c) throw new Error("Invalid stale object from previous Wasm instance");
    s();
    try {
      _.__wbg_set_minifyconfig_css(this.__wbg_ptr, t);
    } catch (e) {
      o(e);
    }
  }
  set html(t) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== c) throw new Error("Invalid stale object from previous Wasm instance");
    s();
    try {
      _.__wbg_set_minifyconfig_html(this.__wbg_ptr, t);
    } catch (e) {
      o(e);
    }
  }
  set js(t) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== c) throw new Error("Invalid stale object from previous Wasm instance");
    s();
    try {
      _.__wbg_set_minifyconfig_js(this.__wbg_ptr, t);
    } catch (e) {
      o(e);
    }
  }
};
Symbol.dispose && (v.prototype[Symbol.dispose] = v.prototype.free);
var I = class {
  static {
    __name(this, "I");
  }
  __destroy_into_raw() {
    let t = this.__wbg_ptr;
    return this.__wbg_ptr = 0, at.unregister(this), t;
  }
  free() {
    let t = this.__destroy_into_raw();
    s();
    try {
      _.__wbg_r2range_free(t, 0);
    } catch (e) {
      o(e);
    }
  }
  get length() {
    try {
      if (this.__wbg_inst !== void 0 && this.__wbg_inst !== c) throw new Error("Invalid stale object from previous Wasm instance");
      let r = _.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      s();
      try {
        _.__wbg_get_r2range_length(r, this.__wbg_ptr);
      } catch (i) {
        o(i);
      }
      var t = f().getInt32(r + 0, true), e = f().getFloat64(r + 8, true);
      return t === 0 ? void 0 : e;
    } finally {
      _.__wbindgen_add_to_stack_pointer(16);
    }
  }
  get offset() {
    try {
      if (this.__wbg_inst !== void 0 && this.__wbg_inst !== c) throw new Error("Invalid stale object from previous Wasm instance");
      let r = _.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      s();
      try {
        _.__wbg_get_r2range_offset(r, this.__wbg_ptr);
      } catch (i) {
        o(i);
      }
      var t = f().getInt32(r + 0, true), e = f().getFloat64(r + 8, true);
      return t === 0 ? void 0 : e;
    } finally {
      _.__wbindgen_add_to_stack_pointer(16);
    }
  }
  get suffix() {
    try {
      if (this.__wbg_inst !== void 0 && this.__wbg_inst !== c) throw new Error("Invalid stale object from previous Wasm instance");
      let r = _.__wbindgen_add_to_stack_pointer(-16) >>> 0;
      s();
      try {
        _.__wbg_get_r2range_suffix(r, this.__wbg_ptr);
      } catch (i) {
        o(i);
      }
      var t = f().getInt32(r + 0, true), e = f().getFloat64(r + 8, true);
      return t === 0 ? void 0 : e;
    } finally {
      _.__wbindgen_add_to_stack_pointer(16);
    }
  }
  set length(t) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== c) throw new Error("Invalid stale object from previous Wasm instance");
    s();
    try {
      _.__wbg_set_r2range_length(this.__wbg_ptr, !b(t), b(t) ? 0 : t);
    } catch (e) {
      o(e);
    }
  }
  set offset(t) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== c) throw new Error("Invalid stale object from previous Wasm instance");
    s();
    try {
      _.__wbg_set_r2range_offset(this.__wbg_ptr, !b(t), b(t) ? 0 : t);
    } catch (e) {
      o(e);
    }
  }
  set suffix(t) {
    if (this.__wbg_inst !== void 0 && this.__wbg_inst !== c) throw new Error("Invalid stale object from previous Wasm instance");
    s();
    try {
      _.__wbg_set_r2range_suffix(this.__wbg_ptr, !b(t), b(t) ? 0 : t);
    } catch (e) {
      o(e);
    }
  }
};
Symbol.dispose && (I.prototype[Symbol.dispose] = I.prototype.free);
function z() {
  c++, m = null, R = null, W = null, typeof numBytesDecoded < "u" && (numBytesDecoded = 0), typeof w < "u" && (w = 0), V = false, O = false, q = new WebAssembly.Instance(G, X()), _ = q.exports, _.__wbindgen_start();
}
__name(z, "z");
function K() {
  let n;
  s();
  try {
    n = _.__worker_init_state();
  } catch (t) {
    o(t);
  }
  return n;
}
__name(K, "K");
function Q(n, t, e) {
  let r;
  s();
  try {
    r = _.fetch(n, t, e);
  } catch (i) {
    o(i);
  }
  return r;
}
__name(Q, "Q");
function X() {
  return { __proto__: null, "./index_bg.js": { __proto__: null, __wbg_Error_208446807d0d1e30: /* @__PURE__ */ __name(function(t, e) {
    return Error(p(t, e));
  }, "__wbg_Error_208446807d0d1e30"), __wbg_String_8564e559799eccda: /* @__PURE__ */ __name(function(t, e) {
    let r = String(e), i = y(r, _.__wbindgen_export2, _.__wbindgen_export3), a = w;
    f().setInt32((t >>> 0) + 4, a, true), f().setInt32((t >>> 0) + 0, i, true);
  }, "__wbg_String_8564e559799eccda"), __wbg___wbindgen_debug_string_f249a2a76caa9a55: /* @__PURE__ */ __name(function(t, e) {
    let r = Z(e), i = y(r, _.__wbindgen_export2, _.__wbindgen_export3), a = w;
    f().setInt32((t >>> 0) + 4, a, true), f().setInt32((t >>> 0) + 0, i, true);
  }, "__wbg___wbindgen_debug_string_f249a2a76caa9a55"), __wbg___wbindgen_is_function_741ff2bb612836f5: /* @__PURE__ */ __name(function(t) {
    return typeof t == "function";
  }, "__wbg___wbindgen_is_function_741ff2bb612836f5"), __wbg___wbindgen_is_null_or_undefined_fb96af93c75460ae: /* @__PURE__ */ __name(function(t) {
    return t == null;
  }, "__wbg___wbindgen_is_null_or_undefined_fb96af93c75460ae"), __wbg___wbindgen_is_undefined_be5b34249ff1fc15: /* @__PURE__ */ __name(function(t) {
    return t === void 0;
  }, "__wbg___wbindgen_is_undefined_be5b34249ff1fc15"), __wbg___wbindgen_reinit_2fe0d0b9c1cc3c21: /* @__PURE__ */ __name(function() {
    O = true;
  }, "__wbg___wbindgen_reinit_2fe0d0b9c1cc3c21"), __wbg___wbindgen_string_get_7ce8eee7fd327545: /* @__PURE__ */ __name(function(t, e) {
    let r = e, i = typeof r == "string" ? r : void 0;
    var a = b(i) ? 0 : y(i, _.__wbindgen_export2, _.__wbindgen_export3), u = w;
    f().setInt32((t >>> 0) + 4, u, true), f().setInt32((t >>> 0) + 0, a, true);
  }, "__wbg___wbindgen_string_get_7ce8eee7fd327545"), __wbg___wbindgen_throw_4c88d8bf264fd984: /* @__PURE__ */ __name(function(t, e) {
    throw new WebAssembly.Exception(D, [new Error(p(t, e))]);
  }, "__wbg___wbindgen_throw_4c88d8bf264fd984"), __wbg__wbg_cb_unref_09736879a3f67559: /* @__PURE__ */ __name(function(t) {
    t._wbg_cb_unref();
  }, "__wbg__wbg_cb_unref_09736879a3f67559"), __wbg_arrayBuffer_39a766224696fd9d: /* @__PURE__ */ __name(function(t) {
    return t.arrayBuffer();
  }, "__wbg_arrayBuffer_39a766224696fd9d"), __wbg_body_0da01a9a056907d8: /* @__PURE__ */ __name(function(t) {
    let e = t.body;
    return b(e) ? 0 : l(e);
  }, "__wbg_body_0da01a9a056907d8"), __wbg_buffer_aca05a93c046db1a: /* @__PURE__ */ __name(function(t) {
    return t.buffer;
  }, "__wbg_buffer_aca05a93c046db1a"), __wbg_byobRequest_18280c78e462544c: /* @__PURE__ */ __name(function(t) {
    let e = t.byobRequest;
    return b(e) ? 0 : l(e);
  }, "__wbg_byobRequest_18280c78e462544c"), __wbg_byteLength_c5f3c188d5252e5b: /* @__PURE__ */ __name(function(t) {
    return t.byteLength;
  }, "__wbg_byteLength_c5f3c188d5252e5b"), __wbg_byteOffset_63cdc7b38f33a45e: /* @__PURE__ */ __name(function(t) {
    return t.byteOffset;
  }, "__wbg_byteOffset_63cdc7b38f33a45e"), __wbg_call_a410eb4b59ed5965: /* @__PURE__ */ __name(function(t, e, r) {
    return t.call(e, r);
  }, "__wbg_call_a410eb4b59ed5965"), __wbg_cause_4cdda1b55a30b227: /* @__PURE__ */ __name(function(t) {
    return t.cause;
  }, "__wbg_cause_4cdda1b55a30b227"), __wbg_cf_3eef96d446a499c0: /* @__PURE__ */ __name(function(t) {
    let e = t.cf;
    return b(e) ? 0 : l(e);
  }, "__wbg_cf_3eef96d446a499c0"), __wbg_cf_e4bf1d08e9961dec: /* @__PURE__ */ __name(function(t) {
    let e = t.cf;
    return b(e) ? 0 : l(e);
  }, "__wbg_cf_e4bf1d08e9961dec"), __wbg_close_294d3f727cb7a844: /* @__PURE__ */ __name(function(t) {
    t.close();
  }, "__wbg_close_294d3f727cb7a844"), __wbg_close_bf94aa7e38b9a94b: /* @__PURE__ */ __name(function(t) {
    t.close();
  }, "__wbg_close_bf94aa7e38b9a94b"), __wbg_constructor_76ad3e2c50d259de: /* @__PURE__ */ __name(function(t) {
    return t.constructor;
  }, "__wbg_constructor_76ad3e2c50d259de"), __wbg_country_97c42f70ad2b423a: /* @__PURE__ */ __name(function(t, e) {
    let r = e.country;
    var i = b(r) ? 0 : y(r, _.__wbindgen_export2, _.__wbindgen_export3), a = w;
    f().setInt32((t >>> 0) + 4, a, true), f().setInt32((t >>> 0) + 0, i, true);
  }, "__wbg_country_97c42f70ad2b423a"), __wbg_done_57e08d0be6e30c02: /* @__PURE__ */ __name(function(t) {
    return t.done;
  }, "__wbg_done_57e08d0be6e30c02"), __wbg_enqueue_c11626eae1c54509: /* @__PURE__ */ __name(function(t, e) {
    t.enqueue(e);
  }, "__wbg_enqueue_c11626eae1c54509"), __wbg_entries_fb0b3ba27a6e0bf7: /* @__PURE__ */ __name(function(t) {
    return t.entries();
  }, "__wbg_entries_fb0b3ba27a6e0bf7"), __wbg_error_9b95f63d905893d2: /* @__PURE__ */ __name(function(t, e) {
    console.error(t, e);
  }, "__wbg_error_9b95f63d905893d2"), __wbg_error_d1fc0193610e0e39: /* @__PURE__ */ __name(function(t) {
    console.error(t);
  }, "__wbg_error_d1fc0193610e0e39"), __wbg_fetch_8991a6a8ea67c83b: /* @__PURE__ */ __name(function(t, e, r, i) {
    return t.fetch(p(e, r), i);
  }, "__wbg_fetch_8991a6a8ea67c83b"), __wbg_fetch_a416b432a33cc077: /* @__PURE__ */ __name(function(t, e, r) {
    return t.fetch(e, r);
  }, "__wbg_fetch_a416b432a33cc077"), __wbg_getRandomValues_07f3179f2d015362: /* @__PURE__ */ __name(function(t, e, r) {
    return t.getRandomValues(L(e, r));
  }, "__wbg_getRandomValues_07f3179f2d015362"), __wbg_get_0ae635d02d232017: /* @__PURE__ */ __name(function(t, e) {
    let r = Reflect.get(t, e);
    return b(r) ? 0 : l(r);
  }, "__wbg_get_0ae635d02d232017"), __wbg_get_2080c49015e35254: /* @__PURE__ */ __name(function(t, e) {
    return Reflect.get(t, e);
  }, "__wbg_get_2080c49015e35254"), __wbg_get_556f1c9a5c587e8c: /* @__PURE__ */ __name(function(t, e, r, i) {
    let a = e.get(p(r, i));
    var u = b(a) ? 0 : y(a, _.__wbindgen_export2, _.__wbindgen_export3), d = w;
    f().setInt32((t >>> 0) + 4, d, true), f().setInt32((t >>> 0) + 0, u, true);
  }, "__wbg_get_556f1c9a5c587e8c"), __wbg_get_d7176cfb76d71114: /* @__PURE__ */ __name(function(t, e) {
    return t[e >>> 0];
  }, "__wbg_get_d7176cfb76d71114"), __wbg_headers_5fc0106c076eb731: /* @__PURE__ */ __name(function(t) {
    return t.headers;
  }, "__wbg_headers_5fc0106c076eb731"), __wbg_headers_9ef80dd266706f48: /* @__PURE__ */ __name(function(t) {
    return t.headers;
  }, "__wbg_headers_9ef80dd266706f48"), __wbg_instanceId_65a51bedfd10160a: /* @__PURE__ */ __name(function(t) {
    return t.instanceId;
  }, "__wbg_instanceId_65a51bedfd10160a"), __wbg_instanceof_Crypto_4818ba561e7c4951: /* @__PURE__ */ __name(function(t) {
    let e;
    try {
      e = t instanceof Crypto;
    } catch {
      e = false;
    }
    return e;
  }, "__wbg_instanceof_Crypto_4818ba561e7c4951"), __wbg_instanceof_Error_74e3cca0c4a69161: /* @__PURE__ */ __name(function(t) {
    let e;
    try {
      e = t instanceof Error;
    } catch {
      e = false;
    }
    return e;
  }, "__wbg_instanceof_Error_74e3cca0c4a69161"), __wbg_instanceof_Response_5b0b4f7f1daeae51: /* @__PURE__ */ __name(function(t) {
    let e;
    try {
      e = t instanceof Response;
    } catch {
      e = false;
    }
    return e;
  }, "__wbg_instanceof_Response_5b0b4f7f1daeae51"), __wbg_length_186163212ffe79c3: /* @__PURE__ */ __name(function(t) {
    return t.length;
  }, "__wbg_length_186163212ffe79c3"), __wbg_log_ff86bbb34c295e21: /* @__PURE__ */ __name(function(t) {
    console.log(t);
  }, "__wbg_log_ff86bbb34c295e21"), __wbg_message_43d8c8f1d543a349: /* @__PURE__ */ __name(function(t) {
    return t.message;
  }, "__wbg_message_43d8c8f1d543a349"), __wbg_method_3d406ebab4dd9853: /* @__PURE__ */ __name(function(t, e) {
    let r = e.method, i = y(r, _.__wbindgen_export2, _.__wbindgen_export3), a = w;
    f().setInt32((t >>> 0) + 4, a, true), f().setInt32((t >>> 0) + 0, i, true);
  }, "__wbg_method_3d406ebab4dd9853"), __wbg_name_d1fa514fdca6a975: /* @__PURE__ */ __name(function(t) {
    return t.name;
  }, "__wbg_name_d1fa514fdca6a975"), __wbg_name_fd11f69c917c5670: /* @__PURE__ */ __name(function(t) {
    return t.name;
  }, "__wbg_name_fd11f69c917c5670"), __wbg_new_13de428334042d26: /* @__PURE__ */ __name(function(t) {
    return new Uint8Array(t);
  }, "__wbg_new_13de428334042d26"), __wbg_new_277c27c26f94cbc2: /* @__PURE__ */ __name(function() {
    return new Headers();
  }, "__wbg_new_277c27c26f94cbc2"), __wbg_new_787b9fb330d55d78: /* @__PURE__ */ __name(function(t, e) {
    return new Error(p(t, e));
  }, "__wbg_new_787b9fb330d55d78"), __wbg_new_cd4348290afae586: /* @__PURE__ */ __name(function() {
    return new Object();
  }, "__wbg_new_cd4348290afae586"), __wbg_new_typed_e09da9dae6ee5935: /* @__PURE__ */ __name(function(t, e) {
    try {
      var r = { a: t, b: e }, i = /* @__PURE__ */ __name((u, d) => {
        let g = r.a;
        r.a = 0;
        try {
          return et(g, r.b, u, d);
        } finally {
          r.a = g;
        }
      }, "i");
      return new Promise(i);
    } finally {
      r.a = 0;
    }
  }, "__wbg_new_typed_e09da9dae6ee5935"), __wbg_new_with_byte_offset_and_length_3cd32055a417f095: /* @__PURE__ */ __name(function(t, e, r) {
    return new Uint8Array(t, e >>> 0, r >>> 0);
  }, "__wbg_new_with_byte_offset_and_length_3cd32055a417f095"), __wbg_new_with_length_01b143a7e5dd5a3e: /* @__PURE__ */ __name(function(t) {
    return new Uint8Array(t >>> 0);
  }, "__wbg_new_with_length_01b143a7e5dd5a3e"), __wbg_new_with_opt_buffer_source_and_init_efb63b64b37a12c7: /* @__PURE__ */ __name(function(t, e) {
    return new Response(t, e);
  }, "__wbg_new_with_opt_buffer_source_and_init_efb63b64b37a12c7"), __wbg_new_with_opt_readable_stream_and_init_383c64eccf9e9cc7: /* @__PURE__ */ __name(function(t, e) {
    return new Response(t, e);
  }, "__wbg_new_with_opt_readable_stream_and_init_383c64eccf9e9cc7"), __wbg_new_with_opt_str_and_init_6456bed24baae6fc: /* @__PURE__ */ __name(function(t, e, r) {
    return new Response(t === 0 ? void 0 : p(t, e), r);
  }, "__wbg_new_with_opt_str_and_init_6456bed24baae6fc"), __wbg_new_with_str_and_init_d9f6b5611184e16b: /* @__PURE__ */ __name(function(t, e, r) {
    return new Request(p(t, e), r);
  }, "__wbg_new_with_str_and_init_d9f6b5611184e16b"), __wbg_next_af5ac6a08bb0a717: /* @__PURE__ */ __name(function(t) {
    return t.next();
  }, "__wbg_next_af5ac6a08bb0a717"), __wbg_prototypesetcall_13162965d1fe7aa3: /* @__PURE__ */ __name(function(t, e, r) {
    Uint8Array.prototype.set.call(L(t, e), r);
  }, "__wbg_prototypesetcall_13162965d1fe7aa3"), __wbg_queueMicrotask_1e8503a8a690f0a3: /* @__PURE__ */ __name(function(t) {
    return t.queueMicrotask;
  }, "__wbg_queueMicrotask_1e8503a8a690f0a3"), __wbg_queueMicrotask_4a1a4d8dd332373b: /* @__PURE__ */ __name(function(t) {
    queueMicrotask(t);
  }, "__wbg_queueMicrotask_4a1a4d8dd332373b"), __wbg_resolve_dbf78ab4942478b0: /* @__PURE__ */ __name(function(t) {
    return Promise.resolve(t);
  }, "__wbg_resolve_dbf78ab4942478b0"), __wbg_respond_d97c023ee981d1f5: /* @__PURE__ */ __name(function(t, e) {
    t.respond(e >>> 0);
  }, "__wbg_respond_d97c023ee981d1f5"), __wbg_set_2793479888329cb6: /* @__PURE__ */ __name(function(t, e, r) {
    return Reflect.set(t, e, r);
  }, "__wbg_set_2793479888329cb6"), __wbg_set_bcb0ec2400cfa22e: /* @__PURE__ */ __name(function(t, e, r, i, a) {
    t.set(p(e, r), p(i, a));
  }, "__wbg_set_bcb0ec2400cfa22e"), __wbg_set_criticalError_c30445da7038dbf2: /* @__PURE__ */ __name(function(t, e) {
    t.criticalError = e !== 0;
  }, "__wbg_set_criticalError_c30445da7038dbf2"), __wbg_set_feb3714f475485ba: /* @__PURE__ */ __name(function(t, e, r) {
    t.set(L(e, r));
  }, "__wbg_set_feb3714f475485ba"), __wbg_set_headers_07f10dbe49bc0e77: /* @__PURE__ */ __name(function(t, e) {
    t.headers = e;
  }, "__wbg_set_headers_07f10dbe49bc0e77"), __wbg_set_instanceId_6f5f77d81e249b49: /* @__PURE__ */ __name(function(t, e) {
    t.instanceId = e >>> 0;
  }, "__wbg_set_instanceId_6f5f77d81e249b49"), __wbg_set_signal_0b2eee78907e5ba7: /* @__PURE__ */ __name(function(t, e) {
    t.signal = e;
  }, "__wbg_set_signal_0b2eee78907e5ba7"), __wbg_set_status_bd9dc81d1c17b108: /* @__PURE__ */ __name(function(t, e) {
    t.status = e;
  }, "__wbg_set_status_bd9dc81d1c17b108"), __wbg_static_accessor_GLOBAL_THIS_003ee833af9699fc: /* @__PURE__ */ __name(function() {
    let t = typeof globalThis > "u" ? void 0 : globalThis;
    return b(t) ? 0 : l(t);
  }, "__wbg_static_accessor_GLOBAL_THIS_003ee833af9699fc"), __wbg_static_accessor_GLOBAL_e4293fb22cbe77da: /* @__PURE__ */ __name(function() {
    let t = typeof global > "u" ? void 0 : global;
    return b(t) ? 0 : l(t);
  }, "__wbg_static_accessor_GLOBAL_e4293fb22cbe77da"), __wbg_static_accessor_INIT_STATE_b2269150d11f01e0: /* @__PURE__ */ __name(function() {
    return J;
  }, "__wbg_static_accessor_INIT_STATE_b2269150d11f01e0"), __wbg_static_accessor_SELF_53bb20457401453d: /* @__PURE__ */ __name(function() {
    let t = typeof self > "u" ? void 0 : self;
    return b(t) ? 0 : l(t);
  }, "__wbg_static_accessor_SELF_53bb20457401453d"), __wbg_static_accessor_WINDOW_b5e0810bfecb7feb: /* @__PURE__ */ __name(function() {
    let t = typeof window > "u" ? void 0 : window;
    return b(t) ? 0 : l(t);
  }, "__wbg_static_accessor_WINDOW_b5e0810bfecb7feb"), __wbg_status_cb85b6c8d1769fa1: /* @__PURE__ */ __name(function(t) {
    return t.status;
  }, "__wbg_status_cb85b6c8d1769fa1"), __wbg_then_656f253a5dd7d8ea: /* @__PURE__ */ __name(function(t, e, r) {
    return t.then(e, r);
  }, "__wbg_then_656f253a5dd7d8ea"), __wbg_then_e3f7f2d365708be8: /* @__PURE__ */ __name(function(t, e) {
    return t.then(e);
  }, "__wbg_then_e3f7f2d365708be8"), __wbg_url_1be993c7b186415b: /* @__PURE__ */ __name(function(t, e) {
    let r = e.url, i = y(r, _.__wbindgen_export2, _.__wbindgen_export3), a = w;
    f().setInt32((t >>> 0) + 4, a, true), f().setInt32((t >>> 0) + 0, i, true);
  }, "__wbg_url_1be993c7b186415b"), __wbg_value_e0f328965e184931: /* @__PURE__ */ __name(function(t) {
    return t.value;
  }, "__wbg_value_e0f328965e184931"), __wbg_view_3b708d3bdaf3fc96: /* @__PURE__ */ __name(function(t) {
    let e = t.view;
    return b(e) ? 0 : l(e);
  }, "__wbg_view_3b708d3bdaf3fc96"), __wbg_webSocket_71791e807603b1e4: /* @__PURE__ */ __name(function(t) {
    let e = t.webSocket;
    return b(e) ? 0 : l(e);
  }, "__wbg_webSocket_71791e807603b1e4"), __wbindgen_generic_0000000000000001: /* @__PURE__ */ __name(function(t, e) {
    return ut(t, e, nt);
  }, "__wbindgen_generic_0000000000000001"), __wbindgen_generic_0000000000000002: /* @__PURE__ */ __name(function(t, e) {
    return p(t, e);
  }, "__wbindgen_generic_0000000000000002"), __wbindgen_init_externref_table: /* @__PURE__ */ __name(function() {
    let t = _.__wbindgen_externrefs;
    t.set(0, void 0), t.set(1024, void 0), t.set(1025, null), t.set(1026, true), t.set(1027, false);
  }, "__wbindgen_init_externref_table"), __wbindgen_jstag: WebAssembly.JSTag, __wbindgen_rethrow_critical: /* @__PURE__ */ __name(function(t) {
    throw new Error("Critical error", { cause: t });
  }, "__wbindgen_rethrow_critical") } };
}
__name(X, "X");
var D = new WebAssembly.Tag({ parameters: ["externref"] });
var U;
var V = false;
function Y() {
  V = true;
  try {
    let n = B()[_.__abort_handler.value / 4];
    n && _.__wbindgen_export.get(n)();
  } catch {
  }
}
__name(Y, "Y");
function o(n) {
  throw n instanceof WebAssembly.Exception && n.is(D) ? n.getArg(D, 0) : (B()[U] = 1, Y(), n);
}
__name(o, "o");
function s() {
  if (U ??= _.__instance_terminated.value / 4, B()[U]) {
    if (V || Y(), O) {
      z();
      return;
    }
    throw new Error("Module terminated");
  } else O && z();
}
__name(s, "s");
function et(n, t, e, r) {
  s();
  try {
    _.__wasm_bindgen_func_elem_1795(n, t, e, r);
  } catch (i) {
    o(i);
  }
}
__name(et, "et");
function nt(n, t, e) {
  try {
    let a = _.__wbindgen_add_to_stack_pointer(-16) >>> 0;
    s();
    try {
      _.__wasm_bindgen_func_elem_1773(a, n, t, e);
    } catch (u) {
      o(u);
    }
    var r = f().getInt32(a + 0, true), i = f().getInt32(a + 4, true);
    if (i) throw dt(r);
  } finally {
    _.__wbindgen_add_to_stack_pointer(16);
  }
}
__name(nt, "nt");
var rt = ["bytes"];
var c = 0;
var _t = typeof FinalizationRegistry > "u" ? { register: /* @__PURE__ */ __name(() => {
}, "register"), unregister: /* @__PURE__ */ __name(() => {
}, "unregister") } : new FinalizationRegistry(({ ptr: n, instance: t }) => {
  t === c && _.__wbg_containerstartupoptions_free(n, 1);
});
var it = typeof FinalizationRegistry > "u" ? { register: /* @__PURE__ */ __name(() => {
}, "register"), unregister: /* @__PURE__ */ __name(() => {
}, "unregister") } : new FinalizationRegistry(({ ptr: n, instance: t }) => {
  t === c && _.__wbg_intounderlyingbytesource_free(n, 1);
});
var ot = typeof FinalizationRegistry > "u" ? { register: /* @__PURE__ */ __name(() => {
}, "register"), unregister: /* @__PURE__ */ __name(() => {
}, "unregister") } : new FinalizationRegistry(({ ptr: n, instance: t }) => {
  t === c && _.__wbg_intounderlyingsink_free(n, 1);
});
var st = typeof FinalizationRegistry > "u" ? { register: /* @__PURE__ */ __name(() => {
}, "register"), unregister: /* @__PURE__ */ __name(() => {
}, "unregister") } : new FinalizationRegistry(({ ptr: n, instance: t }) => {
  t === c && _.__wbg_intounderlyingsource_free(n, 1);
});
var ct = typeof FinalizationRegistry > "u" ? { register: /* @__PURE__ */ __name(() => {
}, "register"), unregister: /* @__PURE__ */ __name(() => {
}, "unregister") } : new FinalizationRegistry(({ ptr: n, instance: t }) => {
  t === c && _.__wbg_minifyconfig_free(n, 1);
});
var at = typeof FinalizationRegistry > "u" ? { register: /* @__PURE__ */ __name(() => {
}, "register"), unregister: /* @__PURE__ */ __name(() => {
}, "unregister") } : new FinalizationRegistry(({ ptr: n, instance: t }) => {
  t === c && _.__wbg_r2range_free(n, 1);
});
function l(n) {
  let t = _.__wbindgen_export5();
  return _.__wbindgen_externrefs.set(t, n), t;
}
__name(l, "l");
var H = typeof FinalizationRegistry > "u" ? { register: /* @__PURE__ */ __name(() => {
}, "register"), unregister: /* @__PURE__ */ __name(() => {
}, "unregister") } : new FinalizationRegistry((n) => {
  n.instance === c && _.__wbindgen_export6(n.a, n.b);
});
function Z(n) {
  switch (typeof n) {
    case "number":
    case "boolean":
    case "undefined":
      return `${n}`;
    case "string":
      return JSON.stringify(n);
    case "bigint":
      return `${n}n`;
    case "symbol":
      return n.description !== void 0 ? `Symbol(${n.description})` : "Symbol";
    case "function":
      return typeof n.name == "string" && n.name !== "" ? `Function(${n.name})` : "Function";
    case "object": {
      if (n === null) return "null";
      if (Array.isArray(n)) return "[" + Array.from(n, Z).join(", ") + "]";
      if (n instanceof Error) return `${n.name}: ${n.message}
${n.stack}`;
      let t = toString.call(n), e = /\[object ([^\]]+)\]/.exec(t)?.[1];
      if (e === void 0) return t;
      if (e === "Object") try {
        return "Object(" + JSON.stringify(n) + ")";
      } catch {
        return "Object";
      }
      return e;
    }
  }
}
__name(Z, "Z");
function ft(n, t) {
  n = n >>> 0;
  let e = f(), r = [];
  for (let i = n; i < n + 4 * t; i += 4) r.push(_.__wbindgen_externrefs.get(e.getUint32(i, true)));
  return _.__wbindgen_export7(n, t), r;
}
__name(ft, "ft");
function L(n, t) {
  return n = n >>> 0, F().subarray(n / 1, n / 1 + t);
}
__name(L, "L");
var m = null;
function f() {
  return (m === null || m.buffer.detached === true || m.buffer.detached === void 0 && m.buffer !== _.memory.buffer) && (m = new DataView(_.memory.buffer)), m;
}
__name(f, "f");
var R = null;
function B() {
  return (R === null || R.byteLength === 0) && (R = new Int32Array(_.memory.buffer)), R;
}
__name(B, "B");
function p(n, t) {
  return n = n >>> 0, wt(F().subarray(n, n + t));
}
__name(p, "p");
var W = null;
function F() {
  return (W === null || W.byteLength === 0) && (W = new Uint8Array(_.memory.buffer)), W;
}
__name(F, "F");
function b(n) {
  return n == null;
}
__name(b, "b");
function ut(n, t, e) {
  let r = { a: n, b: t, cnt: 1, instance: c }, i = /* @__PURE__ */ __name((...a) => {
    if (r.instance !== c) throw new Error("Cannot invoke closure from previous WASM instance");
    r.cnt++;
    let u = r.a;
    r.a = 0;
    try {
      return e(u, r.b, ...a);
    } finally {
      r.a = u, i._wbg_cb_unref();
    }
  }, "i");
  return i._wbg_cb_unref = () => {
    --r.cnt === 0 && (_.__wbindgen_export6(r.a, r.b), r.a = 0, H.unregister(r));
  }, H.register(i, r, r), i;
}
__name(ut, "ut");
function bt(n, t) {
  let e = t(n.length * 4, 4) >>> 0;
  for (let r = 0; r < n.length; r++) {
    let i = l(n[r]);
    f().setUint32(e + 4 * r, i, true);
  }
  return w = n.length, e;
}
__name(bt, "bt");
function y(n, t, e) {
  if (e === void 0) {
    let d = j.encode(n), g = t(d.length, 1) >>> 0;
    return F().subarray(g, g + d.length).set(d), w = d.length, g;
  }
  let r = n.length, i = t(r, 1) >>> 0, a = F(), u = 0;
  for (; u < r; u++) {
    let d = n.charCodeAt(u);
    if (d > 127) break;
    a[i + u] = d;
  }
  if (u !== r) {
    u !== 0 && (n = n.slice(u)), i = e(i, r, r = u + n.length * 3, 1) >>> 0;
    let d = F().subarray(i + u, i + r), g = j.encodeInto(n, d);
    u += g.written, i = e(i, r, u, 1) >>> 0;
  }
  return w = u, i;
}
__name(y, "y");
var O = false;
function dt(n) {
  let t = _.__wbindgen_externrefs.get(n);
  return _.__wbindgen_export8(n), t;
}
__name(dt, "dt");
var tt = new TextDecoder("utf-8", { ignoreBOM: true });
tt.decode();
function wt(n) {
  return tt.decode(n);
}
__name(wt, "wt");
var j = new TextEncoder();
"encodeInto" in j || (j.encodeInto = function(n, t) {
  let e = j.encode(n);
  return t.set(e), { read: n.length, written: e.length };
});
var w = 0;
var q = new WebAssembly.Instance(G, X());
var _ = q.exports;
_.__wbindgen_start();
Error.stackTraceLimit = 100;
var h = K();
function N() {
  h.criticalError && (console.log("Reinitializing Wasm application"), z(), h.criticalError = false, h.instanceId++);
}
__name(N, "N");
addEventListener("error", (n) => {
  $(n.error);
});
function $(n) {
  n instanceof WebAssembly.RuntimeError && (console.error("Critical", n), h.criticalError = true);
}
__name($, "$");
var T = class extends lt {
  static {
    __name(this, "T");
  }
};
T.prototype.fetch = function(t) {
  return Q.call(this, t, this.env, this.ctx);
};
var pt = { set: /* @__PURE__ */ __name((n, t, e, r) => Reflect.set(n.instance, t, e, r), "set"), has: /* @__PURE__ */ __name((n, t) => Reflect.has(n.instance, t), "has"), deleteProperty: /* @__PURE__ */ __name((n, t) => Reflect.deleteProperty(n.instance, t), "deleteProperty"), apply: /* @__PURE__ */ __name((n, t, e) => Reflect.apply(n.instance, t, e), "apply"), construct: /* @__PURE__ */ __name((n, t, e) => Reflect.construct(n.instance, t, e), "construct"), getPrototypeOf: /* @__PURE__ */ __name((n) => Reflect.getPrototypeOf(n.instance), "getPrototypeOf"), setPrototypeOf: /* @__PURE__ */ __name((n, t) => Reflect.setPrototypeOf(n.instance, t), "setPrototypeOf"), isExtensible: /* @__PURE__ */ __name((n) => Reflect.isExtensible(n.instance), "isExtensible"), preventExtensions: /* @__PURE__ */ __name((n) => Reflect.preventExtensions(n.instance), "preventExtensions"), getOwnPropertyDescriptor: /* @__PURE__ */ __name((n, t) => Reflect.getOwnPropertyDescriptor(n.instance, t), "getOwnPropertyDescriptor"), defineProperty: /* @__PURE__ */ __name((n, t, e) => Reflect.defineProperty(n.instance, t, e), "defineProperty"), ownKeys: /* @__PURE__ */ __name((n) => Reflect.ownKeys(n.instance), "ownKeys") };
var P = { construct(n, t, e) {
  try {
    N();
    let r = { instance: Reflect.construct(n, t, e), instanceId: h.instanceId, ctor: n, args: t, newTarget: e };
    return new Proxy(r, { ...pt, get(i, a, u) {
      i.instanceId !== h.instanceId && (i.instance = Reflect.construct(i.ctor, i.args, i.newTarget), i.instanceId = h.instanceId);
      let d = Reflect.get(i.instance, a, u);
      return typeof d != "function" ? d : d.constructor === Function ? new Proxy(d, { apply(g, M, C) {
        N();
        try {
          return g.apply(M, C);
        } catch (E) {
          throw $(E), E;
        }
      } }) : new Proxy(d, { async apply(g, M, C) {
        N();
        try {
          return await g.apply(M, C);
        } catch (E) {
          throw $(E), E;
        }
      } });
    } });
  } catch (r) {
    throw h.criticalError = true, r;
  }
} };
var vt = new Proxy(T, P);
var It = new Proxy(x, P);
var Et = new Proxy(v, P);
var Rt = new Proxy(I, P);
export {
  It as ContainerStartupOptions,
  Et as MinifyConfig,
  Rt as R2Range,
  vt as default
};
//# sourceMappingURL=index.js.map
