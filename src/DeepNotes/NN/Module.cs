using System.Reflection;

namespace DeepNotes.NN;

/// <summary>
/// Base of everything that owns parameters (PyTorch's nn.Module): a tree of sub-modules with named parameters,
/// a train/eval mode flag, and freezing. Sub-modules and parameters are registered explicitly
/// (<see cref="RegisterModule{T}"/>, <see cref="RegisterParameter"/>) or discovered on first use from the
/// instance fields of a derived class (fields of type Module, Parameter, or collections of modules), so a
/// subclassed model only needs to keep its layers in fields.
/// </summary>
public abstract class Module
{
    private readonly List<(string Name, Parameter Parameter)> parameters = [];
    private readonly List<(string Name, Module Module)> children = [];
    private bool discovered;
    private bool trainable = true;

    /// <summary>True in training mode (Dropout drops, BatchNormalization uses batch statistics); see <see cref="Train"/>.</summary>
    public bool Training { get; private set; } = true;

    /// <summary>
    /// Whether this module's weights are trained. Setting it applies to every sub-module (Keras semantics):
    /// a frozen module's parameters stop requiring gradients and optimizers skip them.
    /// </summary>
    public virtual bool Trainable
    {
        get => trainable;
        set
        {
            trainable = value;
            foreach (var (_, p) in LocalParameters()) p.Frozen = !value;
            foreach (var (_, m) in ChildModules()) m.Trainable = value;
        }
    }

    /// <summary>Registers a parameter under a local name; returns it.</summary>
    protected Parameter RegisterParameter(string name, Tensor value, bool trainable = true)
        => RegisterParameter(new Parameter(name, value, trainable));

    /// <summary>Registers an existing parameter (its own name is used).</summary>
    protected Parameter RegisterParameter(Parameter parameter)
    {
        foreach (var (n, _) in parameters)
            if (n == parameter.Name) throw new ArgumentException($"{GetType().Name}: a parameter named '{n}' is already registered");
        if (!trainable) parameter.Frozen = true;
        parameters.Add((parameter.Name, parameter));
        return parameter;
    }

    /// <summary>Registers a sub-module under a local name; returns it.</summary>
    protected T RegisterModule<T>(string name, T module) where T : Module
    {
        ArgumentNullException.ThrowIfNull(module);
        if (ReferenceEquals(module, this)) throw new ArgumentException("a module cannot contain itself");
        foreach (var (_, m) in children)
            if (ReferenceEquals(m, module)) return module;
        children.Add((name, module));
        if (!Training) module.Train(false);
        return module;
    }

    /// <summary>This module's own parameters (not its children's), in registration order.</summary>
    protected IReadOnlyList<(string Name, Parameter Parameter)> LocalParameters()
    {
        Discover();
        return parameters;
    }

    /// <summary>The direct sub-modules with their local names, in registration order.</summary>
    public IReadOnlyList<(string Name, Module Module)> ChildModules()
    {
        Discover();
        return children;
    }

    /// <summary>The direct sub-modules.</summary>
    public IEnumerable<Module> Children() => ChildModules().Select(c => c.Module);

    /// <summary>This module and all its descendants, each once (shared modules appear once), depth first.</summary>
    public IEnumerable<Module> Modules()
    {
        var seen = new HashSet<Module>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<Module>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var m = stack.Pop();
            if (!seen.Add(m)) continue;
            yield return m;
            var kids = m.ChildModules();
            for (int i = kids.Count - 1; i >= 0; i--) stack.Push(kids[i].Module);
        }
    }

    /// <summary>All parameters of this module and its descendants, each once, in registration order.</summary>
    public IEnumerable<Parameter> Parameters() => NamedParameters().Select(p => p.Parameter);

    /// <summary>Trainable parameters only (what an optimizer should update).</summary>
    public IEnumerable<Parameter> TrainableParameters() => Parameters().Where(p => p.Trainable);

    /// <summary>
    /// All parameters with their paths: a layer contributes its unique <see cref="Layer.Name"/>
    /// ("dense_1/kernel"), other modules their registration name ("block.conv.kernel" style with '/').
    /// </summary>
    public IEnumerable<(string Name, Parameter Parameter)> NamedParameters()
    {
        var seen = new HashSet<Parameter>(ReferenceEqualityComparer.Instance);
        var visited = new HashSet<Module>(ReferenceEqualityComparer.Instance);
        var result = new List<(string, Parameter)>();
        Collect(this, "", seen, visited, result);
        return result;
    }

    private static void Collect(Module m, string prefix, HashSet<Parameter> seen, HashSet<Module> visited, List<(string, Parameter)> result)
    {
        if (!visited.Add(m)) return;
        foreach (var (name, p) in m.LocalParameters())
            if (seen.Add(p)) result.Add((prefix + name, p));
        foreach (var (name, child) in m.ChildModules())
        {
            string part = child is Layer layer ? layer.Name : name;
            Collect(child, prefix + part + "/", seen, visited, result);
        }
    }

    /// <summary>Switches this module and its descendants to training (true) or inference (false) mode.</summary>
    public Module Train(bool mode = true)
    {
        foreach (var m in Modules()) m.Training = mode;
        return this;
    }

    internal void SetTrainingFlag(bool mode) => Training = mode;

    /// <summary>Inference mode (PyTorch's eval()).</summary>
    public Module Eval() => Train(false);

    /// <summary>Clears the gradients of every parameter.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters()) p.Value.Grad = null;
    }

    /// <summary>Total number of scalars in all parameters (trainable or not).</summary>
    public int CountParams() => Parameters().Sum(p => p.Size);

    // Lazily registers Module/Parameter fields of derived classes not registered explicitly, so that
    // `class MyModel : Model { Dense d1 = new(10); ... }` just works (like PyTorch's attribute tracking).
    private void Discover()
    {
        if (discovered) return;
        discovered = true;
        for (var type = GetType(); type is not null && type != typeof(Module); type = type.BaseType)
        {
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field.IsDefined(typeof(NotTrackedAttribute))) continue;
                var value = field.GetValue(this);
                string name = CleanFieldName(field.Name);
                switch (value)
                {
                    case Module m when !ReferenceEquals(m, this):
                        if (!children.Any(c => ReferenceEquals(c.Module, m))) children.Add((name, m));
                        break;
                    case Parameter p:
                        if (!parameters.Any(q => ReferenceEquals(q.Parameter, p))) parameters.Add((p.Name, p));
                        break;
                    case IEnumerable<Module> items:
                        int i = 0;
                        foreach (var mi in items)
                        {
                            if (mi is not null && !ReferenceEquals(mi, this) && !children.Any(c => ReferenceEquals(c.Module, mi)))
                                children.Add(($"{name}.{i}", mi));
                            i++;
                        }
                        break;
                }
            }
        }
    }

    private static string CleanFieldName(string name)
    {
        // Auto-property backing fields are named "<Name>k__BackingField".
        if (name.StartsWith('<'))
        {
            int end = name.IndexOf('>');
            if (end > 1) return name[1..end];
        }
        return name.TrimStart('_');
    }
}

/// <summary>Marks a field that holds a module which is not a child (e.g. a reference to a parent).</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class NotTrackedAttribute : Attribute;
