//! Item collection and name resolution (LANGUAGE §4), and written types to [`Ty`] (§5.1,
//! §5.2).
//!
//! Collection runs before any body is checked, so that items are visible in the whole
//! file in any order: modules get their own scope whose parent is the enclosing one,
//! `use` adds names to the importing scope, and every signature and field type is
//! resolved once here.

use rustc_hash::FxHashMap as HashMap;

use crate::diagnostic::ErrorCode;
use crate::span::Span;
use crate::syntax::ast::*;
use crate::syntax::token::Symbol;
use crate::units::{Dim, dimension_by_name};

use super::Checker;
use super::types::{AdtId, Ty, subst_params};

/// Identifies a function (top-level, module, impl method, trait method, adaptive).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FnId(pub u32);

/// A function's resolved signature.
#[derive(Clone, Debug)]
pub struct FnInfo {
    /// The declared name (without module or type prefix).
    pub name: String,
    /// Type parameters (ids of `Ty::Param`), including those of an enclosing impl.
    pub generics: Vec<u32>,
    /// Parameter types, `self` included.
    pub params: Vec<Ty>,
    /// Return type (Unit when omitted).
    pub ret: Ty,
    /// An adaptive function.
    pub adaptive: bool,
    /// Its first parameter is `self`.
    pub method: bool,
    /// Where its name is written.
    pub span: Span,
}

/// The payload of a variant.
#[derive(Clone, Debug)]
pub enum VData {
    /// No payload.
    Unit,
    /// Positional payload.
    Tuple(Vec<Ty>),
    /// Named fields.
    Struct(Vec<(Symbol, Ty)>),
}

/// One enum variant.
#[derive(Clone, Debug)]
pub struct VariantInfo {
    /// Its name.
    pub name: Symbol,
    /// Its payload.
    pub data: VData,
}

/// A struct's fields or an enum's variants.
#[derive(Clone, Debug)]
pub enum AdtKind {
    /// Fields in declaration order.
    Struct(Vec<(Symbol, Ty)>),
    /// Variants in declaration order.
    Enum(Vec<VariantInfo>),
}

/// A struct or enum.
#[derive(Clone, Debug)]
pub struct AdtInfo {
    /// Its name.
    pub name: Symbol,
    /// Type parameter ids.
    pub generics: Vec<u32>,
    /// Fields or variants.
    pub kind: AdtKind,
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum Value {
    Fn(FnId),
    Const(u32),
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum TypeDef {
    Adt(AdtId),
    Alias(u32),
    Trait(u32),
    Effect,
}

#[derive(Default, Debug)]
pub(crate) struct Scope {
    pub values: HashMap<Symbol, Value>,
    pub types: HashMap<Symbol, TypeDef>,
    pub modules: HashMap<Symbol, u32>,
    pub macros: HashMap<Symbol, Span>,
    /// Unqualified variant names (several entries make a use ambiguous).
    pub variants: HashMap<Symbol, Vec<(AdtId, u32)>>,
    pub parent: Option<u32>,
}

/// Method tables are keyed by the head of the receiver's type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NomKey {
    /// A struct or enum.
    Adt(AdtId),
    /// A primitive type (see [`nom_key`] for the numbering).
    Prim(u8),
}

pub(crate) fn nom_key(t: &Ty) -> Option<NomKey> {
    Some(match t {
        Ty::Adt(id, _) => NomKey::Adt(*id),
        Ty::Int => NomKey::Prim(0),
        Ty::Float => NomKey::Prim(1),
        Ty::Bool => NomKey::Prim(2),
        Ty::Str => NomKey::Prim(3),
        Ty::Char => NomKey::Prim(4),
        Ty::Unit => NomKey::Prim(5),
        Ty::Array(_) => NomKey::Prim(6),
        Ty::Map(..) => NomKey::Prim(7),
        Ty::Resource(_) => NomKey::Prim(8),
        Ty::Tuple(_) => NomKey::Prim(9),
        Ty::Range => NomKey::Prim(10),
        _ => return None,
    })
}

pub(crate) struct ConstSlot<'a> {
    pub decl: &'a ConstDecl,
    pub module: u32,
    /// Inferred (or declared) type once known.
    pub ty: Option<Ty>,
}

pub(crate) struct AliasSlot<'a> {
    pub decl: &'a TypeAliasDecl,
    pub module: u32,
    pub generics: Vec<u32>,
    pub state: AliasState,
}

#[derive(Clone, Debug)]
pub(crate) enum AliasState {
    Todo,
    InProgress,
    Done(Ty),
}

pub(crate) struct TraitSlot {
    /// (name, has default body, function) per method.
    pub methods: Vec<(Symbol, bool, FnId)>,
}

/// What a function body needs to be checked.
#[derive(Clone, Copy)]
pub(crate) enum Body<'a> {
    Fn(&'a FnDecl),
    Adaptive(&'a AdaptiveDecl),
}

pub(crate) struct FnSlot<'a> {
    pub body: Body<'a>,
    pub module: u32,
    pub generic_names: Vec<(Symbol, u32)>,
    pub self_ty: Option<Ty>,
}

/// Every collected item.
#[derive(Default)]
pub(crate) struct Env<'a> {
    pub scopes: Vec<Scope>,
    pub fns: Vec<FnInfo>,
    pub fn_slots: Vec<FnSlot<'a>>,
    pub adts: Vec<AdtInfo>,
    pub consts: Vec<ConstSlot<'a>>,
    pub aliases: Vec<AliasSlot<'a>>,
    pub traits: Vec<TraitSlot>,
    pub methods: HashMap<(NomKey, Symbol), FnId>,
    pub param_names: Vec<Symbol>,
    /// The `Self` parameter of each trait → the trait (for `self.m()` in default bodies).
    pub trait_of_self: HashMap<u32, u32>,
}

impl Env<'_> {
    pub fn top_level_fns(&self) -> impl Iterator<Item = (Symbol, FnId)> + '_ {
        self.scopes[0].values.iter().filter_map(|(s, v)| match v {
            Value::Fn(id) => Some((*s, *id)),
            Value::Const(_) => None,
        })
    }
}

/// The context a written type is resolved in.
#[derive(Clone, Default)]
pub(crate) struct TyScope {
    pub module: u32,
    pub generics: Vec<(Symbol, u32)>,
    pub self_ty: Option<Ty>,
}

/// Type names of §5.1 that are not user-definable keywords.
fn builtin_type(name: &str) -> Option<(&'static str, usize)> {
    // (canonical, number of type arguments)
    Some(match name {
        "Int" | "int" | "i8" | "i16" | "i32" | "i64" | "isize" | "u8" | "u16" | "u32" | "u64"
        | "usize" => ("Int", 0),
        "Float" | "float" | "f32" | "f64" | "Float64" => ("Float", 0),
        "Bool" | "bool" => ("Bool", 0),
        "String" | "string" | "str" => ("String", 0),
        "Char" | "char" => ("Char", 0),
        "Unit" => ("Unit", 0),
        "Range" => ("Range", 0),
        "Array" | "Vec" => ("Array", 1),
        "Option" => ("Option", 1),
        "Result" => ("Result", 2),
        "HashMap" | "Map" => ("Map", 2),
        "Echo" => ("Echo", 2),
        _ => return None,
    })
}

impl<'a> Checker<'a> {
    // ----- collection ------------------------------------------------------------------

    /// Registers every item, then resolves aliases, ADT bodies and signatures.
    pub(super) fn collect(&mut self, items: &'a [Item]) {
        self.env.scopes.push(Scope::default());
        self.register_builtin_adts();
        let mut pending = Vec::new();
        self.register_items(items, 0, &mut pending);
        self.process_uses(items, 0);
        for i in 0..self.env.aliases.len() {
            self.resolve_alias(i as u32);
        }
        for p in pending {
            self.resolve_pending(p);
        }
    }

    fn register_builtin_adts(&mut self) {
        let t = self.new_param_named("T");
        let e = self.new_param_named("E");
        let some = self.intern_known("Some");
        let none = self.intern_known("None");
        let ok = self.intern_known("Ok");
        let err = self.intern_known("Err");
        let option = self.intern_known("Option");
        let result = self.intern_known("Result");
        self.env.adts.push(AdtInfo {
            name: option,
            generics: vec![t],
            kind: AdtKind::Enum(vec![
                VariantInfo {
                    name: some,
                    data: VData::Tuple(vec![Ty::Param(t)]),
                },
                VariantInfo {
                    name: none,
                    data: VData::Unit,
                },
            ]),
        });
        let t2 = self.new_param_named("T");
        self.env.adts.push(AdtInfo {
            name: result,
            generics: vec![t2, e],
            kind: AdtKind::Enum(vec![
                VariantInfo {
                    name: ok,
                    data: VData::Tuple(vec![Ty::Param(t2)]),
                },
                VariantInfo {
                    name: err,
                    data: VData::Tuple(vec![Ty::Param(e)]),
                },
            ]),
        });
        let scope = &mut self.env.scopes[0];
        scope.variants.insert(some, vec![(AdtId::OPTION, 0)]);
        scope.variants.insert(none, vec![(AdtId::OPTION, 1)]);
        scope.variants.insert(ok, vec![(AdtId::RESULT, 0)]);
        scope.variants.insert(err, vec![(AdtId::RESULT, 1)]);
    }

    /// Symbols the checker needs that the program may never have written. The interner
    /// is shared read-only, so unknown names get a reserved symbol past its end.
    fn intern_known(&mut self, name: &str) -> Symbol {
        self.known_symbol(name)
    }

    fn new_param_named(&mut self, name: &str) -> u32 {
        let s = self.known_symbol(name);
        self.env.param_names.push(s);
        self.env.param_names.len() as u32 - 1
    }

    fn new_param(&mut self, name: Symbol) -> u32 {
        self.env.param_names.push(name);
        self.env.param_names.len() as u32 - 1
    }

    fn duplicate(&mut self, name: Ident) {
        let text = self.name(name.sym).to_string();
        self.error(
            ErrorCode::E0311,
            name.span,
            format!("duplicate definition of '{text}'"),
        );
    }

    fn add_value(&mut self, module: u32, name: Ident, v: Value) {
        let fresh = insert_new(&mut self.env.scopes[module as usize].values, name.sym, v);
        if !fresh {
            self.duplicate(name);
        }
    }

    fn add_type(&mut self, module: u32, name: Ident, t: TypeDef) {
        let fresh = insert_new(&mut self.env.scopes[module as usize].types, name.sym, t);
        if !fresh {
            self.duplicate(name);
        }
    }

    fn generic_list(&mut self, gs: &[GenericParam]) -> Vec<(Symbol, u32)> {
        gs.iter()
            .map(|g| (g.name.sym, self.new_param(g.name.sym)))
            .collect()
    }

    fn register_items(&mut self, items: &'a [Item], module: u32, pending: &mut Vec<Pending<'a>>) {
        for item in items {
            match &item.kind {
                ItemKind::Fn(f) => {
                    let id = self.new_fn(Body::Fn(f), module, f.name, false);
                    self.add_value(module, f.name, Value::Fn(id));
                    pending.push(Pending::Fn(id, Vec::new(), None));
                }
                ItemKind::Adaptive(a) => {
                    let id = self.new_fn(Body::Adaptive(a), module, a.name, true);
                    self.add_value(module, a.name, Value::Fn(id));
                    pending.push(Pending::Fn(id, Vec::new(), None));
                }
                ItemKind::Const(c) => {
                    let id = self.env.consts.len() as u32;
                    self.env.consts.push(ConstSlot {
                        decl: c,
                        module,
                        ty: None,
                    });
                    self.add_value(module, c.name, Value::Const(id));
                }
                ItemKind::Struct(s) => {
                    let generics = self.generic_list(&s.generics);
                    let id = self.new_adt(s.name.sym, &generics, AdtKind::Struct(Vec::new()));
                    self.add_type(module, s.name, TypeDef::Adt(id));
                    pending.push(Pending::Struct(id, s, module, generics));
                }
                ItemKind::Enum(e) => {
                    let generics = self.generic_list(&e.generics);
                    let id = self.new_adt(e.name.sym, &generics, AdtKind::Enum(Vec::new()));
                    self.add_type(module, e.name, TypeDef::Adt(id));
                    for (i, v) in e.variants.iter().enumerate() {
                        self.env.scopes[module as usize]
                            .variants
                            .entry(v.name.sym)
                            .or_default()
                            .push((id, i as u32));
                    }
                    pending.push(Pending::Enum(id, e, module, generics));
                }
                ItemKind::TypeAlias(t) => {
                    let id = self.env.aliases.len() as u32;
                    let generics = t
                        .generics
                        .iter()
                        .map(|g| self.new_param(g.name.sym))
                        .collect();
                    self.env.aliases.push(AliasSlot {
                        decl: t,
                        module,
                        generics,
                        state: AliasState::Todo,
                    });
                    self.add_type(module, t.name, TypeDef::Alias(id));
                }
                ItemKind::Trait(t) => {
                    let id = self.env.traits.len() as u32;
                    let self_sym = self.known_symbol("Self");
                    let self_param = self.new_param(self_sym);
                    let mut methods = Vec::new();
                    for m in &t.methods {
                        let fid = self.new_fn(Body::Fn(m), module, m.name, false);
                        methods.push((m.name.sym, m.body.is_some(), fid));
                        let mut generics = self.generic_list(&t.generics);
                        generics.push((self_sym, self_param));
                        pending.push(Pending::Fn(fid, generics, Some(Ty::Param(self_param))));
                    }
                    self.env.traits.push(TraitSlot { methods });
                    self.env.trait_of_self.insert(self_param, id);
                    self.add_type(module, t.name, TypeDef::Trait(id));
                }
                ItemKind::Effect(e) => {
                    self.add_type(module, e.name, TypeDef::Effect);
                    pending.push(Pending::Effect(e, module));
                }
                ItemKind::Impl(i) => pending.push(Pending::Impl(i, module)),
                ItemKind::Module(m) => {
                    let id = self.env.scopes.len() as u32;
                    self.env.scopes.push(Scope {
                        parent: Some(module),
                        ..Scope::default()
                    });
                    let scope = &mut self.env.scopes[module as usize];
                    if !insert_new(&mut scope.modules, m.name.sym, id) {
                        self.duplicate(m.name);
                    }
                    self.register_items(&m.items, id, pending);
                }
                ItemKind::Macro(name) => {
                    let scope = &mut self.env.scopes[module as usize];
                    if !insert_new(&mut scope.macros, name.sym, name.span) {
                        self.duplicate(*name);
                    }
                }
                ItemKind::Use(_) => {}
            }
        }
    }

    fn new_fn(&mut self, body: Body<'a>, module: u32, name: Ident, adaptive: bool) -> FnId {
        let id = FnId(self.env.fns.len() as u32);
        self.env.fns.push(FnInfo {
            name: self.name(name.sym).to_string(),
            generics: Vec::new(),
            params: Vec::new(),
            ret: Ty::Unit,
            adaptive,
            method: false,
            span: name.span,
        });
        self.env.fn_slots.push(FnSlot {
            body,
            module,
            generic_names: Vec::new(),
            self_ty: None,
        });
        id
    }

    fn new_adt(&mut self, name: Symbol, generics: &[(Symbol, u32)], kind: AdtKind) -> AdtId {
        self.env.adts.push(AdtInfo {
            name,
            generics: generics.iter().map(|g| g.1).collect(),
            kind,
        });
        AdtId(self.env.adts.len() as u32 - 1)
    }

    /// Finds the scope of a module path (`a::b`) as seen from `from`.
    pub(super) fn module_path(&self, from: u32, path: &[Ident]) -> Option<u32> {
        let mut scope = self.lookup_module(from, path.first()?.sym)?;
        for seg in &path[1..] {
            scope = *self.env.scopes[scope as usize].modules.get(&seg.sym)?;
        }
        Some(scope)
    }

    pub(super) fn lookup_module(&self, from: u32, name: Symbol) -> Option<u32> {
        let mut s = Some(from);
        while let Some(m) = s {
            if let Some(&id) = self.env.scopes[m as usize].modules.get(&name) {
                return Some(id);
            }
            s = self.env.scopes[m as usize].parent;
        }
        None
    }

    /// `use` items: names of this file's modules are brought into the importing scope;
    /// paths that are not modules of this file are accepted and ignored (§4).
    fn process_uses(&mut self, items: &'a [Item], module: u32) {
        for item in items {
            match &item.kind {
                ItemKind::Use(u) => self.process_use(u, module),
                ItemKind::Module(m) => {
                    if let Some(id) = self.env.scopes[module as usize]
                        .modules
                        .get(&m.name.sym)
                        .copied()
                    {
                        self.process_uses(&m.items, id);
                    }
                }
                _ => {}
            }
        }
    }

    fn process_use(&mut self, u: &UseDecl, module: u32) {
        let import = |cx: &mut Self, from: u32, name: Symbol, as_name: Symbol| {
            let src = &cx.env.scopes[from as usize];
            let v = src.values.get(&name).copied();
            let t = src.types.get(&name).copied();
            let m = src.modules.get(&name).copied();
            let vars = src.variants.get(&name).cloned();
            let dst = &mut cx.env.scopes[module as usize];
            if let Some(v) = v {
                dst.values.entry(as_name).or_insert(v);
            }
            if let Some(t) = t {
                dst.types.entry(as_name).or_insert(t);
            }
            if let Some(m) = m {
                dst.modules.entry(as_name).or_insert(m);
            }
            if let Some(vs) = vars {
                let e = dst.variants.entry(as_name).or_default();
                for v in vs {
                    if !e.contains(&v) {
                        e.push(v);
                    }
                }
            }
        };
        match &u.kind {
            UseKind::Single(alias) => {
                let (last, prefix) = u.path.split_last().expect("a use path is never empty");
                if prefix.is_empty() {
                    return;
                }
                if let Some(from) = self.module_path(module, prefix) {
                    let as_name = alias.map_or(last.sym, |a| a.sym);
                    import(self, from, last.sym, as_name);
                }
            }
            UseKind::List(names) => {
                if let Some(from) = self.module_path(module, &u.path) {
                    for n in names {
                        import(self, from, n.sym, n.sym);
                    }
                }
            }
            UseKind::Glob => {
                if let Some(from) = self.module_path(module, &u.path) {
                    let src = &self.env.scopes[from as usize];
                    let mut names: Vec<Symbol> = src.values.keys().copied().collect();
                    names.extend(src.types.keys().copied());
                    names.extend(src.modules.keys().copied());
                    names.extend(src.variants.keys().copied());
                    names.sort();
                    names.dedup();
                    for n in names {
                        import(self, from, n, n);
                    }
                }
            }
        }
    }

    fn resolve_alias(&mut self, id: u32) -> Ty {
        let slot = &self.env.aliases[id as usize];
        match &slot.state {
            AliasState::Done(t) => return t.clone(),
            AliasState::InProgress => {
                let name = slot.decl.name;
                let text = self.name(name.sym).to_string();
                self.error(
                    ErrorCode::E0307,
                    name.span,
                    format!("recursive type alias '{text}'"),
                );
                self.env.aliases[id as usize].state = AliasState::Done(Ty::Error);
                return Ty::Error;
            }
            AliasState::Todo => {}
        }
        let decl = slot.decl;
        let scope = TyScope {
            module: slot.module,
            generics: decl
                .generics
                .iter()
                .zip(&slot.generics)
                .map(|(g, &p)| (g.name.sym, p))
                .collect(),
            self_ty: None,
        };
        self.env.aliases[id as usize].state = AliasState::InProgress;
        let t = self.resolve_type(&decl.ty, &scope);
        if let AliasState::InProgress = self.env.aliases[id as usize].state {
            self.env.aliases[id as usize].state = AliasState::Done(t.clone());
            t
        } else {
            // A cycle through this alias was reported while resolving it.
            Ty::Error
        }
    }

    fn resolve_pending(&mut self, p: Pending<'a>) {
        match p {
            Pending::Struct(id, s, module, generics) => {
                let scope = TyScope {
                    module,
                    generics,
                    self_ty: None,
                };
                let fields = s
                    .fields
                    .iter()
                    .map(|f| (f.name.sym, self.resolve_type(&f.ty, &scope)))
                    .collect();
                self.env.adts[id.0 as usize].kind = AdtKind::Struct(fields);
            }
            Pending::Enum(id, e, module, generics) => {
                let scope = TyScope {
                    module,
                    generics,
                    self_ty: None,
                };
                let variants = e
                    .variants
                    .iter()
                    .map(|v| VariantInfo {
                        name: v.name.sym,
                        data: match &v.data {
                            VariantData::Unit => VData::Unit,
                            VariantData::Tuple(ts) => VData::Tuple(
                                ts.iter().map(|t| self.resolve_type(t, &scope)).collect(),
                            ),
                            VariantData::Struct(fs) => VData::Struct(
                                fs.iter()
                                    .map(|f| (f.name.sym, self.resolve_type(&f.ty, &scope)))
                                    .collect(),
                            ),
                        },
                    })
                    .collect();
                self.env.adts[id.0 as usize].kind = AdtKind::Enum(variants);
            }
            Pending::Fn(id, outer_generics, self_ty) => {
                self.resolve_signature(id, outer_generics, self_ty)
            }
            Pending::Effect(e, module) => {
                let generics = self.generic_list(&e.generics);
                let scope = TyScope {
                    module,
                    generics,
                    self_ty: None,
                };
                for op in &e.ops {
                    for p in &op.params {
                        match &p.ty {
                            Some(t) => {
                                self.resolve_type(t, &scope);
                            }
                            None => self.missing_param_type(p.name),
                        }
                    }
                    if let Some(r) = &op.ret {
                        self.resolve_type(r, &scope);
                    }
                }
            }
            Pending::Impl(i, module) => self.collect_impl(i, module),
        }
    }

    pub(super) fn missing_param_type(&mut self, name: Ident) {
        let text = self.name(name.sym).to_string();
        self.error(
            ErrorCode::E0316,
            name.span,
            format!("missing type annotation for parameter '{text}'"),
        );
    }

    fn resolve_signature(
        &mut self,
        id: FnId,
        mut generics: Vec<(Symbol, u32)>,
        self_ty: Option<Ty>,
    ) {
        let slot = &self.env.fn_slots[id.0 as usize];
        let module = slot.module;
        let (own_generics, params, ret) = match slot.body {
            Body::Fn(f) => (&f.generics, &f.params, &f.ret),
            Body::Adaptive(a) => (&a.generics, &a.params, &a.ret),
        };
        generics.extend(self.generic_list(own_generics));
        let scope = TyScope {
            module,
            generics: generics.clone(),
            self_ty: self_ty.clone(),
        };
        let mut ptys = Vec::new();
        let mut method = false;
        for (i, p) in params.iter().enumerate() {
            let t = match (&p.ty, p.is_self) {
                (Some(t), _) => self.resolve_type(t, &scope),
                (None, true) => self_ty.clone().unwrap_or(Ty::Error),
                (None, false) => {
                    self.missing_param_type(p.name);
                    Ty::Error
                }
            };
            if p.is_self && i == 0 {
                method = true;
            }
            ptys.push(t);
        }
        let ret = match ret {
            Some(t) => self.resolve_type(t, &scope),
            None => Ty::Unit,
        };
        let info = &mut self.env.fns[id.0 as usize];
        info.generics = generics.iter().map(|g| g.1).collect();
        info.params = ptys;
        info.ret = ret;
        info.method = method;
        let slot = &mut self.env.fn_slots[id.0 as usize];
        slot.generic_names = generics;
        slot.self_ty = self_ty;
    }

    fn collect_impl(&mut self, imp: &'a ImplDecl, module: u32) {
        let generics = self.generic_list(&imp.generics);
        let scope = TyScope {
            module,
            generics: generics.clone(),
            self_ty: None,
        };
        let self_ty = self.resolve_type(&imp.self_ty, &scope);
        let key = nom_key(&self_ty);
        let mut defined = Vec::new();
        for m in &imp.methods {
            let id = self.new_fn(Body::Fn(m), module, m.name, false);
            self.resolve_signature(id, generics.clone(), Some(self_ty.clone()));
            defined.push(m.name.sym);
            if let Some(key) = key {
                if !insert_new(&mut self.env.methods, (key, m.name.sym), id) {
                    self.duplicate(m.name);
                }
            }
        }
        let Some(tr) = &imp.trait_ref else { return };
        let TypeExprKind::Path(path, _) = &tr.kind else {
            return;
        };
        let trait_id = match self.lookup_type_path(module, path) {
            Some(TypeDef::Trait(t)) => t,
            _ => {
                let text = path
                    .iter()
                    .map(|p| self.name(p.sym))
                    .collect::<Vec<_>>()
                    .join("::");
                self.error(ErrorCode::E0305, tr.span, format!("unknown type '{text}'"));
                return;
            }
        };
        // §5.5: every method without a default must be defined; defaults become methods
        // of the implementing type.
        let methods = self.env.traits[trait_id as usize].methods.clone();
        let type_span = imp.self_ty.span;
        for (name, has_default, fid) in methods {
            if defined.contains(&name) {
                continue;
            }
            if !has_default {
                let t = self.show(&self_ty);
                let text = self.name(name).to_string();
                self.error(
                    ErrorCode::E0304,
                    type_span,
                    format!("type {t} has no field or method '{text}'"),
                );
            } else if let Some(key) = key {
                self.env.methods.entry((key, name)).or_insert(fid);
            }
        }
    }

    // ----- written types -----------------------------------------------------------------

    /// Looks up a type path (`T`, `m::T`) from `module`.
    pub(super) fn lookup_type_path(&self, module: u32, path: &[Ident]) -> Option<TypeDef> {
        let (last, prefix) = path.split_last()?;
        if prefix.is_empty() {
            let mut s = Some(module);
            while let Some(m) = s {
                if let Some(&t) = self.env.scopes[m as usize].types.get(&last.sym) {
                    return Some(t);
                }
                s = self.env.scopes[m as usize].parent;
            }
            return None;
        }
        let m = self.module_path(module, prefix)?;
        self.env.scopes[m as usize].types.get(&last.sym).copied()
    }

    /// Resolves a written type; unknown names are E0305 and give `Ty::Error`.
    pub(super) fn resolve_type(&mut self, te: &TypeExpr, scope: &TyScope) -> Ty {
        match &te.kind {
            TypeExprKind::Unit => Ty::Unit,
            TypeExprKind::Infer => self.fresh(),
            TypeExprKind::Array(e) => Ty::array(self.resolve_type(e, scope)),
            TypeExprKind::Tuple(ts) => {
                Ty::Tuple(ts.iter().map(|t| self.resolve_type(t, scope)).collect())
            }
            TypeExprKind::Fn(ps, r) => {
                let ps = ps.iter().map(|t| self.resolve_type(t, scope)).collect();
                let r = match r {
                    Some(r) => self.resolve_type(r, scope),
                    None => Ty::Unit,
                };
                Ty::Fn(ps, Box::new(r))
            }
            TypeExprKind::Resource(d) => match self.resolve_dim(d) {
                Some(d) => Ty::resource(d),
                None => Ty::Error,
            },
            TypeExprKind::Path(path, args) => self.resolve_type_path(te.span, path, args, scope),
        }
    }

    fn resolve_type_path(
        &mut self,
        span: Span,
        path: &[Ident],
        args: &[TypeExpr],
        scope: &TyScope,
    ) -> Ty {
        let mut targs: Vec<Ty> = args.iter().map(|a| self.resolve_type(a, scope)).collect();
        let first = path[0];
        let first_name = self.name(first.sym);
        if path.len() == 1 {
            if let Some(&(_, p)) = scope.generics.iter().rev().find(|(s, _)| *s == first.sym) {
                return Ty::Param(p);
            }
            if first_name == "Self" {
                if let Some(t) = &scope.self_ty {
                    return t.clone();
                }
            }
        }
        match self.lookup_type_path(scope.module, path) {
            Some(TypeDef::Adt(id)) => {
                let n = self.env.adts[id.0 as usize].generics.len();
                targs.resize_with(n, || Ty::Error);
                return Ty::Adt(id, targs);
            }
            Some(TypeDef::Alias(a)) => {
                let body = self.resolve_alias(a);
                let params = self.env.aliases[a as usize].generics.clone();
                return subst_params(&body, &|p| {
                    params
                        .iter()
                        .position(|&q| q == p)
                        .map(|i| targs.get(i).cloned().unwrap_or(Ty::Error))
                });
            }
            Some(TypeDef::Trait(_) | TypeDef::Effect) => return Ty::Error,
            None => {}
        }
        if path.len() == 1 {
            if let Some((canon, n)) = builtin_type(first_name) {
                let arg =
                    |i: usize, cx: &mut Self| targs.get(i).cloned().unwrap_or_else(|| cx.fresh());
                let _ = n;
                return match canon {
                    "Int" => Ty::Int,
                    "Float" => Ty::Float,
                    "Bool" => Ty::Bool,
                    "String" => Ty::Str,
                    "Char" => Ty::Char,
                    "Unit" => Ty::Unit,
                    "Range" => Ty::Range,
                    "Array" => Ty::array(arg(0, self)),
                    "Option" => Ty::option(arg(0, self)),
                    "Result" => {
                        let t = arg(0, self);
                        Ty::result(t, arg(1, self))
                    }
                    "Map" => {
                        let k = arg(0, self);
                        Ty::Map(Box::new(k), Box::new(arg(1, self)))
                    }
                    _ => {
                        let a = arg(0, self);
                        Ty::Echo(Box::new(a), Box::new(arg(1, self)))
                    }
                };
            }
            if let Some(d) = dimension_by_name(first_name) {
                return Ty::resource(d);
            }
        }
        let text = path
            .iter()
            .map(|p| self.name(p.sym))
            .collect::<Vec<_>>()
            .join("::");
        self.error(ErrorCode::E0305, span, format!("unknown type '{text}'"));
        Ty::Error
    }

    fn resolve_dim(&mut self, d: &DimExpr) -> Option<Dim> {
        match d {
            DimExpr::One(_) => Some(Dim::NONE),
            DimExpr::Name(id, pow) => {
                let name = self.name(id.sym);
                match dimension_by_name(name) {
                    Some(dim) => Some(dim.pow(*pow)),
                    None => {
                        let text = name.to_string();
                        self.error(ErrorCode::E0305, id.span, format!("unknown type '{text}'"));
                        None
                    }
                }
            }
            DimExpr::Group(inner, pow) => self.resolve_dim(inner).map(|d| d.pow(*pow)),
            DimExpr::Ops(first, rest) => {
                let mut acc = self.resolve_dim(first);
                for (div, f) in rest {
                    let d = self.resolve_dim(f);
                    acc = match (acc, d) {
                        (Some(a), Some(b)) => Some(if *div { a / b } else { a * b }),
                        _ => None,
                    };
                }
                acc
            }
        }
    }
}

/// Inserts `k → v` unless `k` is present; false (and no change) on a duplicate.
fn insert_new<K: std::hash::Hash + Eq, V>(map: &mut HashMap<K, V>, k: K, v: V) -> bool {
    match map.entry(k) {
        std::collections::hash_map::Entry::Occupied(_) => false,
        std::collections::hash_map::Entry::Vacant(e) => {
            e.insert(v);
            true
        }
    }
}

/// Items whose types can only be resolved after every name is registered.
pub(crate) enum Pending<'a> {
    Struct(AdtId, &'a StructDecl, u32, Vec<(Symbol, u32)>),
    Enum(AdtId, &'a EnumDecl, u32, Vec<(Symbol, u32)>),
    Fn(FnId, Vec<(Symbol, u32)>, Option<Ty>),
    Effect(&'a EffectDecl, u32),
    Impl(&'a ImplDecl, u32),
}
