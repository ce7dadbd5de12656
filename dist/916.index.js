"use strict";
exports.id = 916;
exports.ids = [916];
exports.modules = {

/***/ 4916:
/***/ (function(__unused_webpack_module, exports, __webpack_require__) {


var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
var __addDisposableResource = (this && this.__addDisposableResource) || function (env, value, async) {
    if (value !== null && value !== void 0) {
        if (typeof value !== "object" && typeof value !== "function") throw new TypeError("Object expected.");
        var dispose, inner;
        if (async) {
            if (!Symbol.asyncDispose) throw new TypeError("Symbol.asyncDispose is not defined.");
            dispose = value[Symbol.asyncDispose];
        }
        if (dispose === void 0) {
            if (!Symbol.dispose) throw new TypeError("Symbol.dispose is not defined.");
            dispose = value[Symbol.dispose];
            if (async) inner = dispose;
        }
        if (typeof dispose !== "function") throw new TypeError("Object not disposable.");
        if (inner) dispose = function() { try { inner.call(this); } catch (e) { return Promise.reject(e); } };
        env.stack.push({ value: value, dispose: dispose, async: async });
    }
    else if (async) {
        env.stack.push({ async: true });
    }
    return value;
};
var __disposeResources = (this && this.__disposeResources) || (function (SuppressedError) {
    return function (env) {
        function fail(e) {
            env.error = env.hasError ? new SuppressedError(e, env.error, "An error was suppressed during disposal.") : e;
            env.hasError = true;
        }
        var r, s = 0;
        function next() {
            while (r = env.stack.pop()) {
                try {
                    if (!r.async && s === 1) return s = 0, env.stack.push(r), Promise.resolve().then(next);
                    if (r.dispose) {
                        var result = r.dispose.call(r.value);
                        if (r.async) return s |= 2, Promise.resolve(result).then(next, function(e) { fail(e); return next(); });
                    }
                    else s |= 1;
                }
                catch (e) {
                    fail(e);
                }
            }
            if (s === 1) return env.hasError ? Promise.reject(env.error) : Promise.resolve();
            if (env.hasError) throw env.error;
        }
        return next();
    };
})(typeof SuppressedError === "function" ? SuppressedError : function (error, suppressed, message) {
    var e = new Error(message);
    return e.name = "SuppressedError", e.error = error, e.suppressed = suppressed, e;
});
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.liveDrift = liveDrift;
const path = __importStar(__webpack_require__(6760));
const open_1 = __webpack_require__(3818);
const diff_1 = __webpack_require__(9317);
const load_1 = __webpack_require__(4542);
const engineSchema_1 = __webpack_require__(800);
const problem_1 = __webpack_require__(8278);
/**
 * Is the live database what its applied migrations say? The applied part of the chain is
 * replayed into a throwaway DB and introspected into a datamodel, which the engine then
 * diffs with the live database: the engine cannot diff two databases directly in-process.
 */
async function liveDrift(db, applied, schema, filters) {
    const env_1 = { stack: [], error: void 0, hasError: false };
    try {
        const files = (0, engineSchema_1.schemaForEngine)(schema.files).map((f) => ({ path: f.path, content: f.content }));
        const replay = __addDisposableResource(env_1, await (0, open_1.openThrowawayDb)(db.provider, applied, schema), true);
        for (const m of applied) {
            const r = await replay.runMigration(m);
            if (!r.ok)
                return (0, problem_1.fail)({ ...r.problem, message: `--drift: ${r.problem.message}` });
        }
        const shadow = await (0, load_1.startEngine)(replay.adapterFactory());
        let chainFiles;
        try {
            const introspected = await shadow.introspect({
                schema: { files },
                baseDirectoryPath: path.dirname(files[0].path),
                force: true,
                compositeTypeDepth: -1,
                namespaces: null,
            });
            chainFiles = introspected.schema.files;
        }
        catch (e) {
            return (0, problem_1.fail)({ message: `--drift: could not read the replayed migrations: ${(0, diff_1.engineProblem)(e).message}` });
        }
        finally {
            shadow.free();
        }
        const live = await (0, load_1.startEngine)(db.adapterFactory());
        try {
            const configDir = path.dirname(files[0].path);
            const toChain = await live.diff({
                from: { tag: 'schemaDatasource', files, configDir },
                to: { tag: 'schemaDatamodel', files: chainFiles },
                script: true,
                exitCode: true,
                filters,
            });
            if (toChain.exitCode !== 2)
                return (0, problem_1.ok)({ drift: false, summary: '', sql: '' });
            const fromChain = await live.diff({
                from: { tag: 'schemaDatamodel', files: chainFiles },
                to: { tag: 'schemaDatasource', files, configDir },
                script: false,
                exitCode: true,
                filters,
            });
            return (0, problem_1.ok)({ drift: true, summary: (fromChain.stdout ?? '').trim(), sql: toChain.stdout ?? '' });
        }
        catch (e) {
            return (0, problem_1.fail)({ message: `--drift: ${(0, diff_1.engineProblem)(e).message}` });
        }
        finally {
            live.free();
        }
    }
    catch (e_1) {
        env_1.error = e_1;
        env_1.hasError = true;
    }
    finally {
        const result_1 = __disposeResources(env_1);
        if (result_1)
            await result_1;
    }
}


/***/ })

};
;